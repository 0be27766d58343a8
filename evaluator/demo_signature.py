"""A made-up handwritten-looking signature for the demo's signatories (a PNG drawn in code)."""

from __future__ import annotations

import math
import random
import struct
import zlib


def _png(width: int, height: int, alpha: bytearray, rgb: tuple[int, int, int]) -> bytes:
    raw = bytearray()
    for y in range(height):
        raw.append(0)
        for x in range(width):
            raw.extend((*rgb, alpha[y * width + x]))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(raw), 9))
        + chunk(b"IEND", b"")
    )


def signature_png(rng: random.Random, width: int = 360, height: int = 120) -> bytes:
    """A made-up handwritten-looking signature: a flourish, a cursive run and a tail, slanted,
    in dark blue ink on a transparent background."""
    alpha = bytearray(width * height)
    mid = height * 0.55
    strokes = (  # (length, loops, amplitude): flourish, cursive run, tail
        (rng.uniform(50, 70), rng.uniform(1.2, 1.8), rng.uniform(30, 40)),
        (rng.uniform(130, 170), rng.uniform(4.5, 7.0), rng.uniform(9, 15)),
        (rng.uniform(60, 90), rng.uniform(0.8, 1.3), rng.uniform(14, 22)),
    )
    x0 = 24.0
    for length, loops, amp in strokes:
        phase = rng.uniform(0, math.pi)
        steps = int(length * 8)
        for i in range(steps):
            t = i / steps
            turn = t * loops * 2 * math.pi
            wobble = 1 + 0.25 * math.sin(t * 7 + phase)
            y = mid - amp * wobble * math.sin(turn + phase) * (1 - 0.35 * t)
            x = x0 + t * length + 0.45 * (mid - y) + 7 * math.cos(turn + phase)
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    px, py = int(x) + dx, int(y) + dy
                    if 0 <= px < width and 0 <= py < height:
                        cover = 255 if dx == 0 or dy == 0 else 140
                        alpha[py * width + px] = max(alpha[py * width + px], cover)
        x0 += length * 0.9
    return _png(width, height, alpha, (20, 40, 120))
