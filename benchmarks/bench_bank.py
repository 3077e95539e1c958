"""Bank statement import and matching: a camt.053 file of 10 000 lines against a book
with the 10 000 verifikationer they came from (plus other bookings on the account).

    python benchmarks/bench_bank.py [--lines 10000] [--runs 3]

Builds the book once per run (not timed), writes the statement (one statement per
month, booking dates up to three days after the verifikation, every tenth line's
verifikation split in two so that one line matches several), then times
`ops.bank.import_statement` (read, check, store, propose) and confirming every
proposal. Target: import and match under 5 s.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from finsam_desktop.bank.camt_write import write_camt053
from finsam_desktop.bank.model import BankLine, Statement
from finsam_desktop.book import Book
from finsam_desktop.ops import bank

IBAN = "SE3550000000054910000003"
COSTS = [5010, 5410, 6110, 6410, 6540, 6550, 6590, 7010]


def build(folder: Path, lines: int, seed: int = 1) -> tuple[Path, Path]:
    rnd = random.Random(seed)
    path = folder / "bank.finsam"
    book = Book.create(path, namn="Benchförbundet", orgnr="222000-1354", year_start="2021-01-01",
                       year_end="2021-12-31")
    y = book.years()[0]
    book.set_opening_balances(y.id, {(1930, None): 50_000_000_00, (2010, None): -50_000_000_00})
    items, bank_lines = [], []
    start = date(2021, 1, 1)
    for n in range(lines):
        d = start + timedelta(days=(n * 360) // lines)
        amount = rnd.randint(100, 5_000_000) * (1 if rnd.random() < 0.2 else -1)
        other = 3010 if amount > 0 else rnd.choice(COSTS)
        if n % 10 == 9 and abs(amount) > 200:
            half = amount // 2
            items.append((d.isoformat(), f"Del 1 av betalning {n}", [(1930, half), (other, -half)]))
            items.append((d.isoformat(), f"Del 2 av betalning {n}", [(1930, amount - half), (other, half - amount)]))
        else:
            items.append((d.isoformat(), f"Betalning {n} leverantör {n % 97}", [(1930, amount), (other, -amount)]))
        bank_day = min(d + timedelta(days=rnd.choice((0, 0, 1, 3))), date(2021, 12, 31))
        bank_lines.append(BankLine(bank_day.isoformat(), amount, f"BETALNING {n} LEVERANTÖR {n % 97}",
                                   reference=f"BENCH{n:07d}"))
    book.book_vouchers(items, audit=False)
    book.close()
    statements = []
    balance = 50_000_000_00
    for m in range(1, 13):
        first = date(2021, m, 1)
        last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        month = [ln for ln in bank_lines if first.isoformat() <= ln.booking_date <= last.isoformat()]
        closing = balance + sum(ln.amount for ln in month)
        statements.append(Statement(IBAN, "SEK", first.isoformat(), last.isoformat(), balance, closing, month,
                                    statement_ref=f"2021-{m:02d}"))
        balance = closing
    xml = folder / "kontoutdrag.xml"
    xml.write_bytes(write_camt053(statements))
    return path, xml


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lines", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    imports, confirms, results = [], [], []
    for _run in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            path, xml = build(Path(tmp), args.lines)
            book = Book.open(path)
            t0 = time.perf_counter()
            res = bank.import_statement(book, xml)
            t1 = time.perf_counter()
            bank.confirm_matches(book)
            t2 = time.perf_counter()
            rec = bank.reconcile(book, "2021-12-31")
            t3 = time.perf_counter()
            texts = {m.voucher_id: m.text for m in book.bank_movements(1930, "2021-01-01", "2021-12-31")}
            right = sum(1 for ln in book.bank_lines(1930) if ln.voucher_ids and all(
                f"betalning {int(ln.reference[5:])} " in texts[v].lower() + " " for v in ln.voucher_ids))
            book.close()
            imports.append(t1 - t0)
            confirms.append(t2 - t1)
            results.append((res, rec, t3 - t2, xml.stat().st_size, right))
    res, rec, rec_time, size, right = results[-1]
    print(f"file: {size / 1e6:.1f} MB camt.053.001.08, {res.lines} lines in {res.statements} statements")
    print(f"matched {res.matched} of {res.new} lines; reconciliation at 2021-12-31: "
          f"difference {rec.difference}, unexplained {rec.unexplained}, open lines {len(rec.open_lines)}, "
          f"open verifikationer {len(rec.open_movements)}")
    print(f"matched to the verifikation(er) the line came from: {right} of {res.lines}")
    print(f"import + match: median {statistics.median(imports):.2f} s "
          f"(min {min(imports):.2f}, max {max(imports):.2f}) over {args.runs} runs")
    print(f"confirm all:    median {statistics.median(confirms):.2f} s")
    print(f"reconcile:      {rec_time:.2f} s")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
