#!/usr/bin/env python3
"""Which plates a page prints on, as Ghostscript separates it (tiffsep): the
share of each plate's pixels that carry ink. Usage:
  tools/plates.py FILE.pdf PAGE [PLATE...]
Prints every plate; exits 1 if a PLATE named (Cyan, Magenta, Yellow, Black or
a spot ink) carries no ink at all on that page."""
import glob
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from inkmax import tiff_pixels  # noqa: E402


def main():
    pdf, page, wanted = sys.argv[1], sys.argv[2], sys.argv[3:]
    inked = {}
    with tempfile.TemporaryDirectory() as d:
        subprocess.run(
            ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=tiffsep",
             "-sCompression=none", "-r72", f"-dFirstPage={page}", f"-dLastPage={page}",
             "-o", os.path.join(d, "p.tif"), pdf],
            check=True,
        )
        for path in sorted(glob.glob(os.path.join(d, "p(*).tif"))):
            plate = os.path.basename(path)[2:-5]
            px = tiff_pixels(path)
            # tiffsep plates are grey, 0 = full ink.
            share = sum(1 for v in px if v < 250) / max(len(px), 1)
            inked[plate] = share
            print(f"{plate}: {100 * share:.3f}% of pixels inked")
    missing = [p for p in wanted if inked.get(p, 0) == 0]
    if missing:
        print("no ink on: " + ", ".join(missing))
        sys.exit(1)


if __name__ == "__main__":
    main()
