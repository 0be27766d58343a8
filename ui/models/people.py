"""The set-up view's lists (inspectors, assignments, 15,000 change leaders) filtered and sorted
in C++ (:class:`ui.models.keyed.KeyedProxy`): a keystroke sets one regular expression over the
rows' precomputed search texts, and a sort compares precomputed collation ranks; no Python runs
per row."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from evaluator.text import name_key
from ui.models.keyed import KeyedProxy, tag
from ui.models.tambons import normalise as search_form


class PeopleFilter(KeyedProxy):
    """Filters records by zone and province (their ``zone`` / ``province_code`` attributes, if
    they have them) and by typed words, each of which must appear in one of the texts
    ``search`` gives for the record (names, codes…, compared in :func:`search_form`)."""

    def __init__(self, search: Callable[[Any], Sequence[str]], parent: Any = None) -> None:
        super().__init__(parent)
        self._search = search
        self.zone: int | None = None
        self.province: str | None = None
        self.words: list[str] = []

    def search_text(self, row: int) -> str:
        record = self.source().record(row)
        tags = tag("z", getattr(record, "zone", None)) + tag(
            "p", getattr(record, "province_code", None)
        )
        return tags + "|".join(search_form(part) for part in self._search(record))

    def set_filters(self, zone: int | None, province: str | None, text: str) -> None:
        """Show the rows in ``zone`` and ``province`` (None: any) holding every typed word."""
        words = [w for w in (search_form(name_key(t)) for t in text.split()) if w]
        self.zone, self.province, self.words = zone, province, words
        tags = [] if zone is None else [tag("z", zone)]
        if province is not None:
            tags.append(tag("p", province))
        self.set_filter(words, tags)
