"""Time the bokslut on a big book: the kontroller, closing the last year (carry-forward
of every balance per insats, the next year created, the year locked), re-opening it, and
writing the handover package (PDF, SIE 4, Excel with the huvudbok, JSON, book copy, zip).

    python benchmarks/bench_yearend.py [--rows N]

The big book comes from make_big_book.py (built once, then reused from the temporary
folder); the closing runs on a copy made with the backup API, so the cached book stays
as it is.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from finsam_desktop.book import Book  # noqa: E402
from finsam_desktop.closing.checks import run_checks  # noqa: E402
from finsam_desktop.closing.handover import make_handover  # noqa: E402
from make_big_book import make_big_book  # noqa: E402


def _timed(label: str, fn):
    t0 = time.perf_counter()
    result = fn()
    print(f"{label:<44} {time.perf_counter() - t0:8.2f} s")
    return result


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rows", type=int, default=1_000_000)
    args = ap.parse_args(argv)
    source = make_big_book(rows=args.rows)
    work = Path(tempfile.mkdtemp(prefix="finsam-yearend-"))
    try:
        with Book.open(source, read_only=True) as big:
            _timed("copy of the book (backup API)", lambda: big.backup_to(work / "book.finsam"))
        with Book.open(work / "book.finsam") as book:
            year = [y for y in book.years() if not y.is_closed][-1]
            rows = book.conn.execute("SELECT count(*) FROM voucher_row").fetchone()[0]
            print(f"book: {rows} verifikationsrader, closing {year.label}")
            findings = _timed("kontroller (run_checks)", lambda: run_checks(book, year.id))
            print(f"  {sum(f.blocking for f in findings)} blocking, "
                  f"{sum(f.severity == 'warning' for f in findings)} warnings")
            _timed("close_year", lambda: book.close_year(year.id))
            _timed("reopen_year", lambda: book.reopen_year(year.id, "benchmark"))
            _timed("close_year again (recomputes next IB)", lambda: book.close_year(year.id))
            out = work / "ut"
            out.mkdir()
            _timed("handover package", lambda: make_handover(book, year.id, out))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
