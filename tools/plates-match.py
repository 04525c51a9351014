#!/usr/bin/env python3
"""Checks separations against their composite: each plate (a greyscale PDF,
one per ink) rendered by Ghostscript must ink the same pixels as that ink's
separation of the composite (Ghostscript's tiffsep), within a share of the
pixels. Usage: tools/plates-match.py COMPOSITE.pdf INK=PLATE.pdf ... [--within 2]
(ink names as tiffsep calls the plates: Black, or a spot ink's name)."""
import glob
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from inkmax import tiff_pixels  # noqa: E402


def render(device, pdf, out):
    subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-r72",
                    "-sCompression=none", f"-sDEVICE={device}", "-o", out, pdf], check=True)


def main():
    argv = sys.argv[1:]
    within = 2.0
    if "--within" in argv:
        i = argv.index("--within")
        within = float(argv[i + 1])
        del argv[i:i + 2]
    composite, pairs = argv[0], [a.split("=", 1) for a in argv[1:]]
    worst = 0.0
    with tempfile.TemporaryDirectory() as d:
        render("tiffsep", composite, os.path.join(d, "c%03d.tif"))
        for ink, plate in pairs:
            render("tiffgray", plate, os.path.join(d, f"{ink}-%03d.tif"))
            grays = sorted(glob.glob(os.path.join(d, f"{ink}-*.tif")))
            for n, gray in enumerate(grays, 1):
                b = tiff_pixels(gray)
                # A page without the ink has no separation of it: all paper.
                sep = os.path.join(d, f"c{n:03}({ink}).tif")
                a = tiff_pixels(sep) if os.path.exists(sep) else b"\xff" * len(b)
                if len(a) != len(b):
                    print(f"{ink} page {n}: sizes differ")
                    sys.exit(1)
                # Both are grey with 0 = full ink: compare where ink is.
                differ = sum(1 for x, y in zip(a, b) if (x < 128) != (y < 128))
                share = 100.0 * differ / max(len(a), 1)
                worst = max(worst, share)
                print(f"{ink} page {n}: {share:.3f}% of pixels differ")
            if not grays:
                print(f"{ink}: no plate pages")
                sys.exit(1)
    if worst > within:
        print(f"more than {within}% of pixels differ")
        sys.exit(1)


if __name__ == "__main__":
    main()
