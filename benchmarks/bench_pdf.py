"""Time the årsredovisning PDF of the demo book.

    python benchmarks/bench_pdf.py [--runs R] [--tkr]

Builds the demo book in a temporary folder, then times rendering its 2025
årsredovisning end to end (build_report + layout + writing the PDF) several times and
prints the median and the slowest run, and the first run separately (it also pays for
reading the TrueType fonts). Target: under 2 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from finsam_desktop.demo import build_demo  # noqa: E402
from finsam_desktop.render.pdf import render_pdf  # noqa: E402
from finsam_desktop.reports.document import build_document  # noqa: E402

TARGET = 2.0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--tkr", action="store_true", help="belopp i tkr")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        book = build_demo(Path(tmp) / "demo.finsam")
        year = book.year_by_label("2025")
        out = Path(tmp) / "arsredovisning.pdf"
        times = []
        for _ in range(max(1, args.runs)):
            t = time.perf_counter()
            render_pdf(build_document(book, year.id, tkr=args.tkr), out)
            times.append(time.perf_counter() - t)
        size = out.stat().st_size
        book.close()
    first, rest = times[0], times[1:] or times
    median = statistics.median(rest)
    print(f"årsredovisning 2025 (demobok, {'tkr' if args.tkr else 'kr'}): {size / 1024:.0f} kB")
    print(f"  första körningen (läser typsnitten): {first:.3f} s")
    print(f"  median {median:.3f} s, långsammast {max(rest):.3f} s över {len(rest)} körningar "
          f"(mål < {TARGET:.0f} s)")
    ok = first < TARGET and max(rest) < TARGET
    print("  OK" if ok else "  FÖR LÅNGSAMT")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
