"""Time the ledger core on a book of 1 000 000 verifikationsrader.

    python benchmarks/bench_book.py [--rows N] [--runs R]

Prints the median (and slowest) of several runs of: opening the book, booking one
verifikation (Book.book_voucher, its own transaction), the saldobalans of the open year
(Book.trial_balance), and a page of the verifikationslista. Targets: booking < 50 ms,
saldobalans < 1 s. Works on a copy of the cached big book, so the cache stays as built.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from make_big_book import make_big_book  # noqa: E402

from finsam_desktop.book import Book, VoucherFilter  # noqa: E402

TARGETS = {"bokföra en verifikation": 0.050, "saldobalans": 1.0}


def _time(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Prestandamätning av bokföringskärnan.")
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=15)
    a = ap.parse_args(argv)

    src = make_big_book(rows=a.rows, verbose=True)
    work = Path(tempfile.mkdtemp(prefix="finsam-bench-")) / "bench.finsam"
    shutil.copyfile(src, work)
    results: dict[str, list[float]] = {}
    try:
        results["öppna boken"] = _time(lambda: Book.open(work).close(), 5)
        book = Book.open(work)
        n_rows = book.conn.execute("SELECT count(*) FROM voucher_row").fetchone()[0]
        year = [y for y in book.years() if not y.is_closed][-1]
        p = book.projects()[0]
        day = year.start[:4] + "-06-15"

        def book_one():
            book.book_voucher(day, "Faktura insats", [(4530, 12_345_00, p.id), (1640, 1_000_00),
                                                      (2440, -13_345_00)])

        results["bokföra en verifikation"] = _time(book_one, a.runs)
        results["saldobalans"] = _time(lambda: book.trial_balance(year.id), max(5, a.runs // 3))
        results["saldobalans, ett kvartal"] = _time(
            lambda: book.trial_balance(year.id, year.start[:4] + "-07-01", year.start[:4] + "-09-30"), 5)
        f = VoucherFilter(year_id=year.id)
        results["verifikationslista, sida 1 000"] = _time(
            lambda: book.list_vouchers(f, offset=100_000, limit=100), 5)
        results["antal verifikationer"] = _time(lambda: book.count_vouchers(f), 5)
        book.close()
    finally:
        shutil.rmtree(work.parent, ignore_errors=True)

    print(f"Bok med {n_rows:,} rader".replace(",", " "))
    ok = True
    for name, times in results.items():
        med = statistics.median(times)
        target = TARGETS.get(name)
        verdict = ""
        if target:
            verdict = "  OK" if med < target else f"  FÖR LÅNGSAMT (mål {target * 1000:.0f} ms)"
            ok &= med < target
        print(f"{name:<34} median {med * 1000:8.1f} ms   längst {max(times) * 1000:8.1f} ms"
              f"   ({len(times)} körningar){verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
