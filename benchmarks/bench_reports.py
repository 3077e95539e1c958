"""Time the full report (three statements, notes, key figures, last year, checks, tkr
rounding and JSON) on a book of about 1 000 000 verifikationsrader.

    python benchmarks/bench_reports.py [--rows N] [--runs R]

The big book comes from make_big_book.py (built once, then reused from the temporary
folder). The goal is under 1 s per report.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from finsam_desktop.reports import build_report, in_tkr  # noqa: E402
from finsam_desktop.render.json_out import to_json
from make_big_book import open_big_book  # noqa: E402


def main(argv=None) -> int:
    args, book = open_big_book(__doc__, argv)
    try:
        year = book.years()[-1]
        times, half = [], []
        for _ in range(args.runs):
            t = time.perf_counter()
            report = build_report(book, year.id)
            to_json(report)
            to_json(in_tkr(report))
            times.append(time.perf_counter() - t)
            t = time.perf_counter()
            build_report(book, year.id, year.start, year.start[:4] + "-06-30")
            half.append(time.perf_counter() - t)
        failed = [c.check for c in report.kontroller if not c.ok]
        print(f"full year {year.label}: median {statistics.median(times) * 1000:.0f} ms, "
              f"max {max(times) * 1000:.0f} ms over {args.runs} runs (goal < 1000 ms)")
        print(f"delår to 30 June: median {statistics.median(half) * 1000:.0f} ms")
        print(f"checks: {len(report.kontroller)} run, failed: {failed or 'none'}")
        return 0 if max(times) < 1.0 and not failed else 1
    finally:
        book.close()


if __name__ == "__main__":
    sys.exit(main())
