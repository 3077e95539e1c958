"""SIE 4 import and export of a big year: 100 000 verifikationer, about 300 000 #TRANS.

    python benchmarks/bench_sie.py [--vouchers 100000] [--dir DIR] [--runs N] [--objects]

Generates the file once (cached in DIR, default the system's temp folder), imports it
into a new book and exports the book again, N times, and prints the times (median
and range) and the load average before and after. Targets: import under
10 s, export under 5 s.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from finsam_desktop.book import Book
from finsam_desktop.exchange.sie_import import import_sie
from finsam_desktop.exchange.sie_writer import export_sie
from finsam_desktop.money import sie_amount

COSTS = [4530, 5010, 5410, 6110, 6410, 6540, 6550, 6590, 7010]
PROJECTS = [f"P{i:02d}" for i in range(1, 13)]


def generate(path: Path, vouchers: int, seed: int = 1, objects: bool = False) -> None:
    """A 2021 SIE 4 file with `vouchers` balanced verifikationer of 2–4 rows (3 on average).
    With `objects`, every row also carries a kostnadsställe (dimension 1) and every other
    row an object of a user dimension (21)."""
    rnd = random.Random(seed)
    out = ["#FLAGGA 0", '#PROGRAM "bench" 1', "#FORMAT PC8", "#GEN 20220115", "#SIETYP 4",
           "#ORGNR 222000-1354", '#FNAMN "Benchförbundet"', "#RAR 0 20210101 20211231",
           "#RAR -1 20200101 20201231", '#DIM 6 "Projekt"']
    out += [f'#OBJEKT 6 "{p}" "Insats {p}"' for p in PROJECTS]
    if objects:
        out += ['#DIM 1 "Kostnadsställe"', '#DIM 21 "Finansiär"']
        out += [f'#OBJEKT 1 "K{i}" "Kostnadsställe {i}"' for i in range(10)]
        out += [f'#OBJEKT 21 "F{i}" "Finansiär {i}"' for i in range(3)]
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
        for i, (acc, a, obj) in enumerate(rows):
            if objects:
                other = f' 21 "F{rnd.randrange(3)}"' if i % 2 else ""
                obj = f'1 "K{rnd.randrange(10)}" {obj}{other}'.replace("  ", " ").strip()
            out.append(f"#TRANS {acc} {{{obj}}} {sie_amount(a)}")
            balance[acc] = balance.get(acc, 0) + a
        out.append("}")
    for acc, amt in sorted(balance.items()):
        if acc < 3000:
            out.append(f"#UB 0 {acc} {sie_amount(amt)}")
        else:
            out.append(f"#RES 0 {acc} {sie_amount(amt)}")
    path.write_bytes(("\r\n".join(out) + "\r\n").encode("cp437"))


def _spread(values: list[float]) -> str:
    if len(values) == 1:
        return f"{values[0]:.2f} s"
    return (f"median {statistics.median(values):.2f} s (från {min(values):.2f} till {max(values):.2f} s, "
            f"{len(values)} körningar)")


def _load() -> str:
    try:
        return "belastning (1, 5, 15 min): " + ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "belastning okänd"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--vouchers", type=int, default=100_000)
    ap.add_argument("--dir", default=tempfile.gettempdir())
    ap.add_argument("--runs", type=int, default=1, help="antal körningar (median och spridning skrivs ut)")
    ap.add_argument("--objects", action="store_true",
                    help="varje rad har också ett kostnadsställe (dimension 1), varannan en egen dimension")
    args = ap.parse_args()
    folder = Path(args.dir)
    kind = "-objekt" if args.objects else ""
    sie_file = folder / f"finsam-bench-{args.vouchers}{kind}.se"
    if not sie_file.exists():
        t = time.perf_counter()
        generate(sie_file, args.vouchers, objects=args.objects)
        print(f"genererade {sie_file} ({sie_file.stat().st_size / 1e6:.1f} MB) på {time.perf_counter() - t:.1f} s")
    rows = sum(1 for line in sie_file.read_bytes().splitlines() if line.startswith(b"#TRANS"))
    book_path = folder / f"finsam-bench-{args.vouchers}{kind}.finsam"
    out = folder / f"finsam-bench-{args.vouchers}{kind}-export.se"
    print(_load())
    imports, exports = [], []
    for run in range(1, args.runs + 1):
        for suffix in ("", "-wal", "-shm"):
            Path(str(book_path) + suffix).unlink(missing_ok=True)
        t = time.perf_counter()
        report = import_sie(sie_file, book_path)
        imports.append(time.perf_counter() - t)
        print(f"körning {run}: import {report.voucher_count} verifikationer, {rows} #TRANS på {imports[-1]:.2f} s, "
              f"{len(report.differences)} avvikelser mot #UB/#RES", end="; ")

        with Book.open(book_path, read_only=True) as book:
            year = book.year_by_label("2021")
            t = time.perf_counter()
            exp = export_sie(book, year, out)
            exports.append(time.perf_counter() - t)
        print(f"export {exp.vouchers} verifikationer till {out.stat().st_size / 1e6:.1f} MB på {exports[-1]:.2f} s")
    print(f"import: {_spread(imports)} (mål < 10 s)")
    print(f"export: {_spread(exports)} (mål < 5 s)")
    print(_load())


if __name__ == "__main__":
    main()
