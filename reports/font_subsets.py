"""Font subsets made once for a whole batch of documents instead of once per document.

reportlab embeds a TrueType font as subsets of at most 256 glyphs, numbered in the order the
document first uses each character; for every document it builds each subset's font program
(``makeSubset``, pure Python), its ``/Widths`` and ``/ToUnicode`` map, and compresses them: in
a batch of certificates that is a good part of each file's cost, and the same work every time.

* :class:`SubsetFont` (the TrueType font :mod:`reports.thai` registers) keeps the formatted
  objects of each subset it has embedded, by subset, and reuses them when a document's subset
  is the same one: the same font program, widths and map, byte for byte.
* :class:`SharedSubsets` makes that the common case in a batch: each new document starts with
  the numbering the earlier documents ended with (codes already given keep their number, new
  ones are added after), so after the first few documents every document has the same
  subsets. The certificates share one numbering in the process (:data:`PROCESS_SUBSETS`): a
  batch of 100 starts where the batch before it ended, with its subsets already made. A
  document then embeds the glyphs of the run so far, not only its own (a few more glyphs, at
  most :attr:`SharedSubsets.MAX_GLYPHS` codes a font: text extraction and drawing are
  unchanged, the ``/ToUnicode`` map covers them all).
"""

from __future__ import annotations

import itertools
import threading
from typing import Any

from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.ttfonts import (
    FF_NONSYMBOLIC,
    FF_SYMBOLIC,
    SUBSETN,
    TTFont,
    makeToUnicodeCMap,
)

_CACHE_LIMIT = 64  # subsets kept per font (a batch needs a handful)


class _Formatted(pdfdoc.PDFObject):  # type: ignore[misc]
    """A PDF object written as bytes formatted once (holds no reference to another object)."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def format(self, document: Any) -> bytes:
        return self.data


class FormatOnce(pdfdoc.PDFObject):  # type: ignore[misc]
    """A top-level PDF object formatted once for all the documents where it is the same: its
    ``key`` says what it holds, and the numbers of the objects it refers to (``refs``, by name)
    complete the key, so that a document numbering them differently formats it anew."""

    __RefOnly__ = 1  # written where it is used as a reference to it, as reportlab's fonts

    def __init__(
        self, obj: Any, key: tuple[Any, ...], refs: tuple[str, ...], cache: dict[Any, bytes]
    ) -> None:
        self.obj = obj
        self.key = key
        self.refs = refs
        self.cache = cache
        self.__Comment__ = getattr(obj, "__Comment__", None)

    def format(self, document: Any) -> bytes:
        numbers = tuple(document.idToObjectNumberAndVersion[name] for name in self.refs)
        key = (self.key, numbers)
        data: bytes | None = self.cache.get(key)
        if data is None:
            data = self.obj.format(document)
            if len(self.cache) >= 4 * _CACHE_LIMIT:
                self.cache.clear()
            self.cache[key] = data
        return data


class SubsetFont(TTFont):  # type: ignore[misc]
    """reportlab's TrueType font whose subsets' objects are formatted once per distinct subset
    and reused by every document that embeds the same subset."""

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        self._subsets: dict[tuple[int, tuple[int, ...]], tuple[bytes, bytes, bytes]] = {}
        self._dictionaries: dict[Any, bytes] = {}  # the fonts' and descriptors' (FormatOnce)

    def _formatted(self, n: int, subset: list[int], doc: Any) -> tuple[bytes, bytes, bytes]:
        """The subset's font program, ToUnicode map and widths, formatted (compressed) once."""
        key = (n, tuple(subset))
        found = self._subsets.get(key)
        if found is None:
            base = self._base_name(n)
            program = pdfdoc.PDFStream()
            program.content = self.face.makeSubset(subset)
            program.dictionary["Length1"] = len(program.content)
            cmap = pdfdoc.PDFStream()
            cmap.content = makeToUnicodeCMap(base, subset)
            if doc.compression:
                program.filters = [pdfdoc.PDFZCompress]
                cmap.filters = [pdfdoc.PDFZCompress]
            widths = pdfdoc.PDFArray(list(map(self.face.getCharWidth, subset)))
            # formatted as the top-level objects they are (pdfdoc.format would give references)
            found = (program.format(doc), cmap.format(doc), widths.format(doc))
            if len(self._subsets) >= _CACHE_LIMIT:
                self._subsets.clear()
            self._subsets[key] = found
        return found

    def _base_name(self, n: int) -> str:
        name: str = b"".join((SUBSETN(n), b"+", self.face.name, self.face.subfontNameX)).decode(
            "pdfdoc"
        )
        return name

    def addObjects(self, doc: Any) -> None:
        """The document's subsets as reportlab's ``TTFont.addObjects`` makes them (the same
        objects and names), from the formatted parts of an earlier identical subset when there
        is one. Documents must be made without encryption (the parts are formatted once)."""
        if doc.encrypt.info():
            super().addObjects(doc)
            return
        state = self._assignState(doc)
        state.frozen = 1
        face = self.face
        flags = (face.flags & ~FF_NONSYMBOLIC) | FF_SYMBOLIC  # as reportlab marks a subset
        for n, subset in enumerate(state.subsets):
            program, cmap, widths = self._formatted(n, subset, doc)
            internal = self.getSubsetInternalName(n, doc)[1:]
            base = self._base_name(n)
            font = pdfdoc.PDFTrueTypeFont()
            font.__Comment__ = f"Font {self.fontName} subset {n}"
            font.Name = internal
            font.BaseFont = base
            font.FirstChar = 0
            font.LastChar = len(subset) - 1
            font.Widths = _Formatted(widths)
            cmap_name = "toUnicodeCMap:" + base
            font.ToUnicode = doc.Reference(_Formatted(cmap), cmap_name)
            program_name = f"fontFile:{face.filename}({base})"
            program_ref = doc.Reference(_Formatted(program), program_name)
            descriptor = pdfdoc.PDFDictionary(
                {
                    "Type": "/FontDescriptor",
                    "Ascent": face.ascent,
                    "CapHeight": face.capHeight,
                    "Descent": face.descent,
                    "Flags": flags,
                    "FontBBox": pdfdoc.PDFArray(face.bbox),
                    "FontName": pdfdoc.PDFName(base),
                    "ItalicAngle": face.italicAngle,
                    "StemV": face.stemV,
                    "FontFile2": program_ref,
                    "MissingWidth": face.defaultWidth,
                }
            )
            # the same subset gives the same dictionaries: formatted once (FormatOnce)
            key = (n, tuple(subset), internal, base)
            descriptor_name = "fontDescriptor:" + base
            font.FontDescriptor = doc.Reference(
                FormatOnce(descriptor, ("descriptor", *key), (program_name,), self._dictionaries),
                descriptor_name,
            )
            refs = (cmap_name, descriptor_name)
            once = FormatOnce(font, ("font", *key), refs, self._dictionaries)
            doc.Reference(once, internal)
            doc.idToObject["BasicFonts"].dict[internal] = once
        del self.state[doc]


class SharedSubsets:
    """The glyph numbering of a run of documents, carried from one document to the next so that
    they embed the same subsets (:class:`SubsetFont` then formats them once).

    Call :meth:`start` when a document's canvas is made and :meth:`carry` after its last
    drawing, before it is saved. One instance may serve many batches and threads (the
    certificates share :data:`PROCESS_SUBSETS`): a document always embeds every glyph it draws
    (the numbering it starts with plus its own new glyphs); a numbering only ever grows by the
    glyphs of a document that started from the latest one (a document rendered meanwhile by
    another thread keeps its glyphs to itself), so a code, once carried, keeps its glyph until
    the numbering starts afresh (past :attr:`MAX_GLYPHS` glyphs of a font, to bound the files'
    size) under a new ``generation``.
    """

    MAX_GLYPHS = 512  # codes carried per font at most; beyond, the next document starts afresh

    def __init__(self) -> None:
        self._lock = threading.Lock()
        # per font: (generation, subsets, assignments, next code)
        self._numbering: dict[TTFont, tuple[int, list[list[int]], dict[int, int], int]] = {}

    def start(self, doc: Any, fonts: list[TTFont]) -> None:
        """Number ``doc``'s glyphs of ``fonts`` as the earlier documents did."""
        with self._lock:
            known = [(font, self._numbering.get(font)) for font in fonts]
        for font, numbering in known:
            if numbering is None:
                continue
            generation, subsets, assignments, next_code = numbering
            state = font._assignState(doc)
            state.subsets = [list(s) for s in subsets]
            state.assignments = dict(assignments)
            state.nextCode = next_code
            # codes below next_code mean the same glyph in every document of this generation
            state.shared = (generation, next_code)

    def carry(self, doc: Any, fonts: list[TTFont]) -> None:
        """Keep ``doc``'s numbering (the run's so far and its own new glyphs) for the next."""
        for font in fonts:
            state = font.state.get(doc)
            if state is None or state.internalName is None:  # the document did not use it
                continue
            started = getattr(state, "shared", None)
            with self._lock:
                current = self._numbering.get(font)
                now = (current[0], current[3]) if current is not None else None
                if started != now:  # another document was carried meanwhile: keep that one
                    continue
                if state.nextCode > self.MAX_GLYPHS:  # too many: the next one starts afresh
                    self._numbering.pop(font, None)
                    continue
                generation = started[0] if started is not None else next(_GENERATIONS)
                self._numbering[font] = (
                    generation,
                    [list(s) for s in state.subsets],
                    dict(state.assignments),
                    state.nextCode,
                )


_GENERATIONS = itertools.count(1)

PROCESS_SUBSETS = SharedSubsets()
"""The certificates' numbering, shared by every batch of the process: a batch of 100 starts
with the subsets the one before it ended with, already made and formatted."""
