#!/usr/bin/env python3
"""Writes a saturated colour test photo as PNG with Python's standard library:
every hue across, from full to dark down. For checking conversion to a
printer's CMYK within an ink limit. Usage: tools/colour-chart.py OUT.png [W H]"""
import colorsys
import struct
import sys
import zlib


def chunk(kind, data):
    c = struct.pack(">I", len(data)) + kind + data
    return c + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def main():
    out = sys.argv[1]
    w = int(sys.argv[2]) if len(sys.argv) > 2 else 900
    h = int(sys.argv[3]) if len(sys.argv) > 3 else 600
    rows = []
    for y in range(h):
        row = bytearray([0])
        for x in range(w):
            r, g, b = colorsys.hsv_to_rgb(x / w, 1.0, 1.0 - 0.85 * y / h)
            row += bytes((int(r * 255), int(g * 255), int(b * 255)))
        rows.append(bytes(row))
    png = b"\x89PNG\r\n\x1a\n"
    png += chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(b"".join(rows), 6))
    png += chunk(b"IEND", b"")
    open(out, "wb").write(png)


main()
