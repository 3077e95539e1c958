"""SIE 4 import and export of a big year: 100 000 verifikationer, about 300 000 #TRANS.

    python benchmarks/bench_sie.py [--vouchers 100000] [--dir DIR]

Generates the file once (cached in DIR, default the system's temp folder), imports it
into a new book and exports the book again, and prints the times. Targets: import under
10 s, export under 5 s.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from finsam_desktop.book import Book
from finsam_desktop.exchange.sie_import import import_sie
from finsam_desktop.exchange.sie_writer import export_sie
from finsam_desktop.money import sie_amount

COSTS = [4530, 5010, 5410, 6110, 6410, 6540, 6550, 6590, 7010]
PROJECTS = [f"P{i:02d}" for i in range(1, 13)]


def generate(path: Path, vouchers: int, seed: int = 1) -> None:
    """A 2021 SIE 4 file with `vouchers` balanced verifikationer of 2–4 rows (3 on average)."""
    rnd = random.Random(seed)
    out = ["#FLAGGA 0", '#PROGRAM "bench" 1', "#FORMAT PC8", "#GEN 20220115", "#SIETYP 4",
           "#ORGNR 222000-1354", '#FNAMN "Benchförbundet"', "#RAR 0 20210101 20211231",
           "#RAR -1 20200101 20201231", '#DIM 6 "Projekt"']
    out += [f'#OBJEKT 6 "{p}" "Insats {p}"' for p in PROJECTS]
    out += ["#IB 0 1930 5000000.00", "#IB 0 2010 -5000000.00"]
    balance: dict[int, int] = {1930: 5_000_000_00, 2010: -5_000_000_00}
    day0 = 737791  # 2021-01-01 as ordinal
    from datetime import date
    for n in range(1, vouchers + 1):
        d = date.fromordinal(day0 + (n * 365) // (vouchers + 1)).strftime("%Y%m%d")
        k = rnd.choice((2, 3, 3, 4))
        amounts = [rnd.randint(100, 5_000_000) for _ in range(k - 1)]
        rows = []
        for a in amounts:
            acc = rnd.choice(COSTS)
            obj = f'6 "{rnd.choice(PROJECTS)}"' if acc == 4530 else ""
            rows.append((acc, a, obj))
        rows.append((1930, -sum(amounts), ""))
        out.append(f'#VER A {n} {d} "Verifikation {n} åäö" 20220110')
        out.append("{")
        for acc, a, obj in rows:
            out.append(f"#TRANS {acc} {{{obj}}} {sie_amount(a)}")
            balance[acc] = balance.get(acc, 0) + a
        out.append("}")
    for acc, amt in sorted(balance.items()):
        if acc < 3000:
            out.append(f"#UB 0 {acc} {sie_amount(amt)}")
        else:
            out.append(f"#RES 0 {acc} {sie_amount(amt)}")
    path.write_bytes(("\r\n".join(out) + "\r\n").encode("cp437"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--vouchers", type=int, default=100_000)
    ap.add_argument("--dir", default=tempfile.gettempdir())
    args = ap.parse_args()
    folder = Path(args.dir)
    sie_file = folder / f"finsam-bench-{args.vouchers}.se"
    if not sie_file.exists():
        t = time.perf_counter()
        generate(sie_file, args.vouchers)
        print(f"genererade {sie_file} ({sie_file.stat().st_size / 1e6:.1f} MB) på {time.perf_counter() - t:.1f} s")
    rows = sum(1 for line in sie_file.read_bytes().splitlines() if line.startswith(b"#TRANS"))
    book_path = folder / f"finsam-bench-{args.vouchers}.finsam"
    for suffix in ("", "-wal", "-shm"):
        Path(str(book_path) + suffix).unlink(missing_ok=True)

    t = time.perf_counter()
    report = import_sie(sie_file, book_path)
    t_import = time.perf_counter() - t
    print(f"import: {report.voucher_count} verifikationer, {rows} #TRANS på {t_import:.2f} s "
          f"(mål < 10 s), {len(report.differences)} avvikelser mot #UB/#RES")

    out = folder / f"finsam-bench-{args.vouchers}-export.se"
    with Book.open(book_path) as book:
        year = book.year_by_label("2021")
        t = time.perf_counter()
        exp = export_sie(book, year, out)
        t_export = time.perf_counter() - t
    print(f"export: {exp.vouchers} verifikationer till {out.stat().st_size / 1e6:.1f} MB på {t_export:.2f} s "
          "(mål < 5 s)")


if __name__ == "__main__":
    main()
