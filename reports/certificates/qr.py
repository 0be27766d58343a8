"""The certificates' QR codes: exactly the symbol segno makes, in a tenth of the time.

Every certificate carries its own QR code (its sealed facts and their signature, about 370
characters: version 14–16). ``segno.make`` builds one in pure Python, about 3 ms: the modules
of the function patterns, the Reed–Solomon blocks byte by byte, the placement of every module
and the mask, over the whole matrix each time. Here segno still turns the text into its bit
stream (same segments, version, error-level boost and padding), and the rest is done with what
never changes kept per version: the Reed–Solomon remainders of all blocks at once, as the XOR of
each byte's own remainder at its place (linear: a table per block length, made once with a
shift register over whole-block integers), the blocks' interleaving as an order of indices, and
the placement as a layout
made once per version, error level and mask (the function patterns with the format and version
information, the data modules' positions in placement order and the mask over them), filled with
one numpy assignment. :func:`matrix` gives the same modules as ``segno.make(..., mask=mask)``
(checked in tests/reports/test_certificate_qr.py across versions and error levels);
:func:`draw_qr` draws it on a page as vectors.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from itertools import chain, zip_longest
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
from segno import consts as _consts
from segno import encoder as _encoder

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

# segno's encoder internals are untyped
consts: Any = _consts
encoder: Any = _encoder

_ERRORS = {"l": consts.ERROR_LEVEL_L, "m": consts.ERROR_LEVEL_M, "q": consts.ERROR_LEVEL_Q}
_ERRORS["h"] = consts.ERROR_LEVEL_H


@dataclass(frozen=True)
class _Layout:
    """Where a symbol's data modules go, for one version, error level and mask."""

    base: npt.NDArray[np.uint8]  # function patterns, format and version information; data 0
    rows: npt.NDArray[np.intp]  # the data modules in placement order
    cols: npt.NDArray[np.intp]
    mask: npt.NDArray[np.uint8]  # the mask's bit at each of those modules


@functools.lru_cache(maxsize=32)
def _layout(version: int, error: int, mask: int) -> _Layout:
    size = encoder.calc_matrix_size(version)
    template = encoder.make_matrix(size, size)
    encoder.add_finder_patterns(template, size, size)
    encoder.add_alignment_patterns(template, size, size)
    function = [bytearray(row) for row in template]
    function[-8][8] = 0x1  # as segno marks the dark module before masking
    rows: list[int] = []
    cols: list[int] = []
    # segno's add_codewords (ISO/IEC 18004:2015 7.7.3) for a QR code: two-module columns from
    # the right, alternately upwards and downwards, skipping the vertical timing pattern
    for right in range(size - 1, 0, -2):
        if right <= 6:
            right -= 1
        for vertical in range(size):
            for z in range(2):
                j = right - z
                upwards = ((right & 2) == 0) ^ (j < 6)
                i = (size - 1 - vertical) if upwards else vertical
                if template[i][j] == 0x2:
                    rows.append(i)
                    cols.append(j)
    pattern = encoder.get_data_mask_functions(False)[mask]
    places = list(zip(rows, cols, strict=True))
    bits = [int(pattern(i, j)) if function[i][j] > 0x1 else 0 for i, j in places]
    base = [bytearray(row) for row in template]
    for i, j in places:
        base[i][j] = 0
    encoder.add_format_info(base, version, error, mask)
    encoder.add_version_info(base, version)
    return _Layout(
        np.array([list(row) for row in base], dtype=np.uint8),
        np.array(rows, dtype=np.intp),
        np.array(cols, dtype=np.intp),
        np.array(bits, dtype=np.uint8),
    )


@functools.lru_cache(maxsize=64)
def _generator_multiples(ec_words: int) -> tuple[int, ...]:
    """The Reed–Solomon generator polynomial of ``ec_words`` (its leading 1 left out) times
    every byte value, each as one integer of ``ec_words`` bytes."""
    log, exp = consts.GALIOS_LOG, consts.GALIOS_EXP
    gen = consts.GEN_POLY[ec_words]
    out = [0]
    for coef in range(1, 256):
        out.append(int.from_bytes(bytes(exp[log[coef] + g] for g in gen[:ec_words]), "big"))
    return tuple(out)


def _remainders(blocks: npt.NDArray[np.uint8], ec_words: int) -> npt.NDArray[np.uint8]:
    """The error-correction codewords of every row of ``blocks`` (data blocks of one length):
    the remainder of its division by the generator polynomial, as segno's make_blocks computes
    it, all blocks at once.

    The remainder is linear (XOR) in the data bytes: it is the XOR of the remainders of each
    byte alone at its place, looked up in a table made once per block length
    (:func:`_place_remainders`)."""
    table = _place_remainders(ec_words, blocks.shape[1])
    looked_up = table[np.arange(blocks.shape[1]), blocks]  # (blocks, places, ec_words)
    remainders: npt.NDArray[np.uint8] = np.bitwise_xor.reduce(looked_up, axis=1)
    return remainders


@functools.lru_cache(maxsize=16)
def _place_remainders(ec_words: int, length: int) -> npt.NDArray[np.uint8]:
    """``table[j, v]``: the error-correction codewords of a block of ``length`` bytes that is
    all zeros but ``v`` at place ``j``: a shift register over whole-block integers run on it
    (one step per byte: shift a byte out, add the generator's multiple of what left)."""
    multiples = _generator_multiples(ec_words)
    top = 8 * (ec_words - 1)
    full = (1 << (8 * ec_words)) - 1
    row = list(multiples)  # the last byte: one step of the register from zero
    rows = [row]
    for _ in range(length - 1):  # a byte one place earlier: one more step with a zero byte
        row = [((r << 8) & full) ^ multiples[r >> top] for r in row]
        rows.append(row)
    raw = b"".join(r.to_bytes(ec_words, "big") for row in reversed(rows) for r in row)
    return np.frombuffer(raw, dtype=np.uint8).reshape(length, 256, ec_words)


_REMAINDER_BITS = dict.fromkeys((2, 3, 4, 5, 6), 7)
_REMAINDER_BITS.update(dict.fromkeys((14, 15, 16, 17, 18, 19, 20, 28, 29, 30, 31, 32, 33, 34), 3))
_REMAINDER_BITS.update(dict.fromkeys((21, 22, 23, 24, 25, 26, 27), 4))


_LEVELS = (consts.ERROR_LEVEL_L, consts.ERROR_LEVEL_M, consts.ERROR_LEVEL_Q, consts.ERROR_LEVEL_H)


def _byte_codewords(payload: str, level: int) -> tuple[int, int, bytes] | None:
    """Version, error level and data codewords of an ASCII text that segno encodes as one
    byte-mode segment (a URL with small letters: the certificates' case), written as segno
    writes them; None for anything else (segno's own encoder then)."""
    try:
        data = payload.encode("ascii")
    except UnicodeEncodeError:
        return None
    if not data or data.isdigit() or encoder.is_alphanumeric(data) or encoder.is_kanji(data):
        return None
    count = len(data)
    capacity = consts.SYMBOL_CAPACITY
    for version in range(1, 41):
        cci = consts.CHAR_COUNT_INDICATOR_LENGTH[consts.MODE_BYTE][encoder.version_range(version)]
        length = 4 + cci + 8 * count
        if capacity[version][level] >= length:
            break
    else:
        return None  # too long for any QR code: segno says so
    for better in _LEVELS[_LEVELS.index(level) + 1 :]:  # segno's boost_error
        if capacity[version][better] < length:
            break
        level = better
    room = capacity[version][level]
    value = (((consts.MODE_BYTE << cci) | count) << (8 * count)) | int.from_bytes(data, "big")
    terminator = min(room - length, 4)
    padding = 8 - (length + terminator) % 8  # segno pads a whole byte when already aligned
    length += terminator + padding
    out = bytearray((value << (terminator + padding)).to_bytes(length // 8, "big"))
    out += bytes(0xEC if i % 2 == 0 else 0x11 for i in range(room // 8 - length // 8))
    return version, level, bytes(out)


def _segno_codewords(payload: str, level: int) -> tuple[int, int, bytes]:
    segments = encoder.prepare_data(payload, None, None)
    version = encoder.find_version(segments, level, eci=False, micro=False)
    level = encoder.boost_error_level(version, level, segments, False)
    buff = encoder.Buffer()
    span = encoder.version_range(version)
    for segment in segments:
        encoder.write_segment(buff, segment, None, span, False)
    capacity = consts.SYMBOL_CAPACITY[version][level]
    encoder.write_terminator(buff, capacity, None, len(buff))
    encoder.write_padding_bits(buff, version, len(buff))
    encoder.write_pad_codewords(buff, version, capacity, len(buff))
    return version, level, bytes(buff.toints())


@functools.lru_cache(maxsize=64)
def _interleaving(version: int, level: int) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
    """The order the codewords of a version and level are sent in: the data blocks' codewords
    interleaved (the first of every block, then the second...; shorter blocks skipped once
    done), then their error-correction codewords the same way, as indices into the data
    codewords and into the error blocks laid end to end."""
    data: list[list[int]] = []
    errors: list[list[int]] = []
    at = at_error = 0
    for info in consts.ECC[version][level]:
        ec_words = info.num_total - info.num_data
        for _ in range(info.num_blocks):
            data.append(list(range(at, at + info.num_data)))
            errors.append(list(range(at_error, at_error + ec_words)))
            at += info.num_data
            at_error += ec_words
    return (
        np.array([i for i in chain.from_iterable(zip_longest(*data)) if i is not None]),
        np.array([i for i in chain.from_iterable(zip_longest(*errors)) if i is not None]),
    )


def matrix(payload: str, error: str = "m", mask: int = 0) -> npt.NDArray[np.uint8]:
    """The modules of the QR code (not micro) segno makes for ``payload`` with this error level
    (boosted when the version has room, as segno does) and mask: 1 dark, 0 light."""
    level = _ERRORS[error]
    version, level, codewords = _byte_codewords(payload, level) or _segno_codewords(payload, level)
    data = np.frombuffer(codewords, dtype=np.uint8)
    error_blocks: list[npt.NDArray[np.uint8]] = []
    at = 0
    for info in consts.ECC[version][level]:
        size = info.num_blocks * info.num_data
        blocks = data[at : at + size].reshape(info.num_blocks, info.num_data)
        error_blocks.append(_remainders(blocks, info.num_total - info.num_data))
        at += size
    data_order, error_order = _interleaving(version, level)
    message = np.concatenate(
        (
            data[data_order],
            np.concatenate([b.ravel() for b in error_blocks])[error_order],
        )
    )
    bits = np.unpackbits(message)
    extra = _REMAINDER_BITS.get(version, 0)
    if extra:
        bits = np.concatenate([bits, np.zeros(extra, dtype=np.uint8)])
    layout = _layout(version, level, mask)
    if len(bits) != len(layout.rows):  # never for a QR code: segno's layout and message agree
        raise ValueError(f"QR version {version}: {len(bits)} bits for {len(layout.rows)} modules")
    out = layout.base.copy()
    out[layout.rows, layout.cols] = bits ^ layout.mask
    return out


@functools.lru_cache(maxsize=8)
def symbol(payload: str) -> npt.NDArray[np.uint8]:
    """A certificate's QR code: its modules at error level M, mask 0 (made once for both
    sizing and drawing)."""
    return matrix(payload, "m", mask=0)


def draw_qr(c: Canvas, payload: str, x: float, y: float, size: float) -> None:
    """A QR code (segno's symbol) as vector squares, ``size`` points wide, lower-left corner at
    (x, y).

    Drawn in module units (one ``cm`` scales a module to its size): each run of dark modules
    in a row is one rectangle, a hair (0.02 pt) taller than its row so that viewers show no
    seams between rows.
    """
    rows = symbol(payload)
    n = len(rows)
    cell = size / n
    padded = np.zeros((n, n + 2), dtype=np.int8)
    padded[:, 1:-1] = rows
    edges = padded[:, 1:] - padded[:, :-1]
    starts_r, starts_c = np.nonzero(edges == 1)  # row by row, left to right
    ends_c = np.nonzero(edges == -1)[1]
    # module units from 0.01 pt below the symbol, so that a rectangle from row r's bottom with
    # a height of 1 + 0.02 pt covers 0.01 pt of the rows above and below it
    height = f"{1 + 0.02 / cell:.4f}"
    runs = np.column_stack((starts_c, n - 1 - starts_r, ends_c - starts_c))
    start = f"q 0 g {cell:.4f} 0 0 {cell:.4f} {x:.3f} {y - 0.01:.3f} cm"
    c.addLiteral(f"{start}\n{_rectangles(runs, height)}f Q" if len(runs) else f"{start}\nQ")


def _rectangles(runs: npt.NDArray[np.intp], height: str) -> str:
    """``x y width height re`` on a line for every run (x, y, width), each number right-aligned
    in a field as wide as the largest (`` 7 12  3 1.0118 re``: a space more before a small
    number, the same operators), put together by numpy from a table of the numbers' digits
    instead of formatted one by one."""
    if not len(runs):
        return ""
    table = _number_fields(len(str(int(runs.max()))))
    count, field = len(runs), table.shape[1]
    tail = np.frombuffer(f"{height} re\n".encode("ascii"), dtype=np.uint8)
    out = np.empty((count, 3 * field + len(tail)), dtype=np.uint8)
    out[:, : 3 * field] = table[runs].reshape(count, 3 * field)
    out[:, 3 * field :] = tail
    return out.tobytes().decode("ascii")


@functools.lru_cache(maxsize=4)
def _number_fields(digits: int) -> npt.NDArray[np.uint8]:
    """Row ``v``: the number ``v`` right-aligned in ``digits`` characters, then a space."""
    text = "".join(f"{v:>{digits}} " for v in range(10**digits))
    return np.frombuffer(text.encode("ascii"), dtype=np.uint8).reshape(10**digits, digits + 1)
