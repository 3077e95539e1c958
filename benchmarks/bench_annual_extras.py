"""Time what the årsredovisning adds beyond the statements (verksamhet per insats, cost
split, goals, mellanhavanden per medlem, organisation) and the SUS figures, on a big book.

    python benchmarks/bench_annual_extras.py [--rows N] [--runs R]

The big book comes from make_big_book.py (built once, then reused from the temporary
folder). The extras read the ledger by motpart (voucher rows), the rest by the daily
aggregate; the goal is that they add under a second to a document of a million rows.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from finsam_desktop.reports import build_report  # noqa: E402
from finsam_desktop.reports.annual_extras import build_extras  # noqa: E402
from finsam_desktop.reports.projects import project_follow_up  # noqa: E402
from finsam_desktop.reports.sus import sus_figures  # noqa: E402
from make_big_book import open_big_book  # noqa: E402


def main(argv=None) -> int:
    args, book = open_big_book(__doc__, argv)
    try:
        year = book.years()[-1]
        report = build_report(book, year.id)
        follow_up = project_follow_up(book, year.id) if book.projects() else None
        extras, sus = [], []
        for _ in range(args.runs):
            t = time.perf_counter()
            build_extras(book, year.id, report, follow_up)
            extras.append(time.perf_counter() - t)
            t = time.perf_counter()
            sus_figures(book, year.id)
            sus.append(time.perf_counter() - t)
        print(f"extras {year.label}: median {statistics.median(extras) * 1000:.0f} ms, "
              f"max {max(extras) * 1000:.0f} ms (goal < 1000 ms)")
        print(f"SUS figures (with their own report): median {statistics.median(sus) * 1000:.0f} ms")
        return 0 if max(extras) < 1.0 else 1
    finally:
        book.close()


if __name__ == "__main__":
    sys.exit(main())
