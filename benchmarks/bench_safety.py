"""Time the data-safety work on a book of 1 000 000 verifikationsrader, and kill a
booking process many times.

    python benchmarks/bench_safety.py [--rows N] [--kills K]

Prints: booking one verifikation with the hash chain (median and slowest of 30; target
< 50 ms), `verify` quick and full, a backup (SQLite backup API), and K kills of a booking
process (each followed by opening the book and a full verification).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from make_big_book import make_big_book  # noqa: E402

from finsam_desktop.book import Book  # noqa: E402
from finsam_desktop.book.verify import failed, verify_book  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Mätning av kedja, kontroll och säkerhetskopior.")
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--kills", type=int, default=100)
    a = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="finsam-bench-safety-"))
    os.environ.setdefault("FINSAM_DATA_DIR", str(tmp / "data"))
    src = make_big_book(rows=a.rows, verbose=True)
    work = tmp / "bench.finsam"
    shutil.copyfile(src, work)
    book = Book.open(work)
    print(f"bok: {book.conn.execute('SELECT count(*) FROM voucher_row').fetchone()[0]} rader")
    year = [y for y in book.years() if not y.is_closed][-1]
    day = year.start[:4] + "-06-15"
    times = []
    for _ in range(30):
        t = time.perf_counter()
        book.book_voucher(day, "Faktura", [(4530, 12_345_00), (1640, 1_000_00), (2440, -13_345_00)])
        times.append(time.perf_counter() - t)
    print(f"bokföra en verifikation (med kedjan): median {statistics.median(times) * 1000:.1f} ms, "
          f"längst {max(times) * 1000:.1f} ms")
    for full in (False, True):
        t = time.perf_counter()
        findings = verify_book(book, full=full)
        print(f"verify {'hela' if full else 'snabbdelen'}: {time.perf_counter() - t:.2f} s, "
              f"{len(failed(findings))} fel")
    t = time.perf_counter()
    book.backup("manual")
    print(f"säkerhetskopia (backup-API): {time.perf_counter() - t:.2f} s")
    book.close()

    from tests.book.test_safety_kill import kill_bookings  # the suite's kill loop
    small = tmp / "kill.finsam"
    Book.create(small, namn="Förbundet", orgnr="222000-1354", year_start="2021-01-01",
                year_end="2021-12-31").close()
    t = time.perf_counter()
    survived = kill_bookings(small, a.kills, random.Random(2026))
    print(f"avbrott under bokföring: {a.kills} försök, {survived} klarade kontrollen "
          f"({time.perf_counter() - t:.0f} s)")
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
