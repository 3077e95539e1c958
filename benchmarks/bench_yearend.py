"""Time the bokslut on a big book: the kontroller, closing the last year (carry-forward
of every balance per insats, the next year created, the year locked), re-opening it, and
writing the handover package (PDF, SIE 4, Excel with the huvudbok, JSON, book copy, zip).

    python benchmarks/bench_yearend.py [--rows N] [--xlsx-only]

The Excel workbook is also written on its own in a fresh process, so that its time and
its peak memory (resource.getrusage, the process's maximum resident set) are the
workbook's own and not the rest of the benchmark's; --xlsx-only does only that.

The big book comes from make_big_book.py (built once, then reused from the temporary
folder); the closing runs on a copy made with the backup API, so the cached book stays
as it is.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
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


def _peak_mb(who=resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports kB


def _xlsx_child(book_path: str, out: str) -> int:
    """Write the workbook of the book's last open year (run in a fresh process)."""
    from finsam_desktop.render.xlsx import write_xlsx
    from finsam_desktop.reports import build_report
    from finsam_desktop.reports.document import build_document
    with Book.open(book_path, read_only=True) as book:
        year = [y for y in book.years() if not y.is_closed][-1]
        t0 = time.perf_counter()
        report = build_report(book, year.id)
        t1 = time.perf_counter()
        before = _peak_mb()
        write_xlsx(build_document(book, year.id, report=report, with_ledger=True), out)
        t2 = time.perf_counter()
    print(f"{'  build_report':<44} {t1 - t0:8.2f} s")
    print(f"{'  write_xlsx (huvudbok and all sheets)':<44} {t2 - t1:8.2f} s")
    print(f"{'  peak memory before / after write_xlsx':<44} {before:8.0f} / {_peak_mb():.0f} MB")
    print(f"{'  workbook size':<44} {Path(out).stat().st_size / 1e6:8.1f} MB")
    return 0


def _xlsx_in_child(source: Path, work: Path) -> None:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, __file__, "--xlsx-child", str(source), str(work / "bok.xlsx")],
                   check=True)
    print(f"{'Excel workbook in a fresh process':<44} {time.perf_counter() - t0:8.2f} s, "
          f"peak {_peak_mb(resource.RUSAGE_CHILDREN):.0f} MB")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--xlsx-only", action="store_true", help="only time the Excel workbook")
    ap.add_argument("--xlsx-child", nargs=2, metavar=("BOOK", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.xlsx_child:
        return _xlsx_child(*args.xlsx_child)
    source = make_big_book(rows=args.rows)
    work = Path(tempfile.mkdtemp(prefix="finsam-yearend-"))
    try:
        _xlsx_in_child(source, work)
        if args.xlsx_only:
            return 0
        with Book.open(source, read_only=True) as big:
            _timed("copy of the book (backup API)", lambda: big.backup_to(work / "book.finsam"))
        with Book.open(work / "book.finsam") as book:
            year = [y for y in book.years() if not y.is_closed][-1]
            rows = book.conn.execute("SELECT count(*) FROM voucher_row").fetchone()[0]
            print(f"book: {rows} verifikationsrader, closing {year.label}")
            findings = _timed("kontroller (run_checks)", lambda: run_checks(book, year.id))
            print(f"  {sum(f.is_error for f in findings)} blocking, "
                  f"{sum(f.is_warning for f in findings)} warnings")
            # close_year = the kontroller (timed above) + this, the book's part.
            _timed("lock_and_carry_forward", lambda: book.lock_and_carry_forward(year.id))
            _timed("reopen_year", lambda: book.reopen_year(year.id, "benchmark"))
            _timed("lock_and_carry_forward again (recomputes next IB)", lambda: book.lock_and_carry_forward(year.id))
            out = work / "ut"
            out.mkdir()
            _timed("handover package", lambda: make_handover(book, year.id, out))
        print(f"{'peak memory of this process':<44} {_peak_mb():8.0f} MB")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
