"""The word segmenter's dictionary for :mod:`reports.thai`: PyThaiNLP's words and every place
name of the country, built once per process on first use, with the names of every lexicon used
so far."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reports.thai_lines import Lexicon


class SegmenterDictionary:
    """The segmenter's one dictionary in this process: PyThaiNLP's words, every place name of
    the country (geothai), and the names of every :class:`Lexicon` used so far (names only
    help to segment any text). Built once, on first use (as PyThaiNLP builds its own); a
    lexicon's words are added the first time it is used."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._trie: Any = None
        self._seen: set[int] = set()

    def trie(self, names: Lexicon | None) -> Any:
        with self._lock:
            if self._trie is None:
                from pythainlp.corpus.common import thai_words
                from pythainlp.util import Trie

                self._trie = Trie(thai_words() | _place_words())
            if names is not None and names.key not in self._seen:
                for word in names.words:
                    self._trie.add(word)
                self._seen.add(names.key)
            return self._trie


def _place_words() -> frozenset[str]:
    """The country's place names, read from the shipped list (what
    :func:`evaluator.geography.place_words` reads, without loading geothai or the database
    layer: certificates start fast)."""
    import resources

    text = resources.path("place_names.csv").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines()[1:] if line.strip())
