#!/usr/bin/env python3
"""The most total ink (C+M+Y+K, in %) on each page of a PDF as Ghostscript
renders it to CMYK, inside the TrimBox (the page as it is cut; the crop marks
outside it print in every ink). Usage: tools/inkmax.py FILE.pdf [MAX] [DPI]
Prints one line per page; exits 1 if a page goes over MAX (default 400).
Needs only Ghostscript and Python's standard library (it reads gs's
uncompressed tiff32nc output)."""
import glob
import os
import struct
import subprocess
import sys
import tempfile


def tiff_pixels(path):
    data = open(path, "rb").read()
    order = "<" if data[:2] == b"II" else ">"
    (ifd,) = struct.unpack(order + "I", data[4:8])
    (count,) = struct.unpack(order + "H", data[ifd:ifd + 2])
    tags = {}
    for i in range(count):
        e = data[ifd + 2 + 12 * i: ifd + 14 + 12 * i]
        tag, typ, n = struct.unpack(order + "HHI", e[:8])
        size = {3: 2, 4: 4}.get(typ, 1)
        if n * size <= 4:
            fmt = {3: "H", 4: "I"}.get(typ, "B") * n
            vals = struct.unpack(order + fmt, e[8:8 + n * size])
        else:
            (off,) = struct.unpack(order + "I", e[8:12])
            fmt = {3: "H", 4: "I"}.get(typ, "B") * n
            vals = struct.unpack(order + fmt, data[off:off + n * size])
        tags[tag] = vals
    if tags.get(259, (1,))[0] != 1:
        sys.exit(f"{path}: compressed TIFF")
    strips = b"".join(data[o:o + c] for o, c in zip(tags[273], tags[279]))
    return strips


def main():
    pdf = sys.argv[1]
    limit = float(sys.argv[2]) if len(sys.argv) > 2 else 400.0
    dpi = sys.argv[3] if len(sys.argv) > 3 else "72"
    worst = 0.0
    with tempfile.TemporaryDirectory() as d:
        subprocess.run(
            ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-dUseTrimBox", "-sDEVICE=tiff32nc",
             f"-r{dpi}", "-o", os.path.join(d, "p%04d.tif"), pdf],
            check=True,
        )
        for n, path in enumerate(sorted(glob.glob(os.path.join(d, "p*.tif"))), 1):
            b = tiff_pixels(path)
            most = max(map(sum, zip(b[0::4], b[1::4], b[2::4], b[3::4])), default=0)
            pc = most / 2.55
            worst = max(worst, pc)
            print(f"page {n}: max total ink {pc:.1f}%")
    if worst > limit + 0.5:
        print(f"over the limit of {limit:.0f}%")
        sys.exit(1)


if __name__ == "__main__":
    main()
