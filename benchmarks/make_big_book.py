"""Build a big, realistic book for benchmarks (reports, the desktop program, booking).

    from make_big_book import make_big_book
    path = make_big_book()                    # 1 000 000 rows over 2 years, cached
    path = make_big_book(rows=200_000)        # a smaller one, cached under its own name

The book is written once per (rows, years) into the system's temporary folder and reused
while it exists; pass `path` to put it elsewhere and `fresh=True` to rebuild it. Every
verifikation goes through the normal database triggers (rows first, header last) via
Book.book_vouchers in large transactions. All years but the last are closed, each
opening with the previous year's closing balances.

Run as a script to build (or find) the default book and print what it holds:
    python benchmarks/make_big_book.py [--rows N] [--years Y] [--path FILE] [--fresh]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from finsam_desktop.book import Book, VoucherRow  # noqa: E402

SEED = 1_000_000
FIRST_YEAR = 2020
BATCH = 25_000  # verifikationer per transaction

# (account, weight, low kr, high kr): the other side of each voucher is the bank.
COSTS = [(4530, 30, 5_000, 250_000), (5010, 6, 20_000, 60_000), (5050, 3, 500, 6_000),
         (5410, 6, 6_000, 20_000), (5510, 3, 1_000, 5_000), (5610, 2, 500, 8_000),
         (6110, 4, 3_000, 9_000), (6410, 4, 100, 3_000), (6420, 3, 200, 900),
         (6540, 4, 500, 5_000), (6550, 2, 5_000, 15_000), (6560, 1, 10_000, 40_000),
         (6900, 3, 100, 2_000), (7010, 4, 300, 6_000), (8570, 2, 50, 400)]
INCOME = [(3010, 1), (3011, 1), (3020, 1), (3030, 1), (3410, 1), (3900, 1)]
PROJECTS = 40


def schema_tag() -> str:
    """The file format in a cached book's name: its version and a digest of the schema
    itself, so two versions of the program whose schemas differ at the same number never
    share a cached book."""
    import hashlib

    from finsam_desktop.book.schema import MIGRATIONS, SCHEMA_VERSION
    return f"v{SCHEMA_VERSION}-{hashlib.sha1(''.join(MIGRATIONS).encode()).hexdigest()[:8]}"


def default_path(rows: int, years: int) -> Path:
    # Named by the file format too: versions of the program with different schemas each
    # keep their own book instead of rebuilding each other's.
    return Path(tempfile.gettempdir()) / f"finsam-bench-{rows}-{years}-{schema_tag()}.finsam"


def make_big_book(path: str | Path | None = None, rows: int = 1_000_000, years: int = 2, *,
                  fresh: bool = False, verbose: bool = False) -> Path:
    """Return the path of a closed book file holding about `rows` verifikationsrader spread
    over `years` räkenskapsår (the last one open). Built once, then reused."""
    p = Path(path) if path else default_path(rows, years)
    if p.exists() and not fresh and _is_complete(p, rows, years):
        return p
    for suffix in ("", "-wal", "-shm", ".tmp"):
        Path(str(p) + suffix).unlink(missing_ok=True)
    t0 = time.perf_counter()
    work = p.with_name(p.name + ".building")
    for suffix in ("", "-wal", "-shm", ".tmp"):
        Path(str(work) + suffix).unlink(missing_ok=True)
    book = Book.create(work, namn="Samordningsförbundet Storbok", orgnr="222000-2436",
                       year_start=f"{FIRST_YEAR}-01-01", year_end=f"{FIRST_YEAR}-12-31")
    try:
        _fill(book, rows, years, verbose)
        book.set_setting("benchmark", f"{rows}:{years}")
        book.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        book.close()
    work.replace(p)
    if verbose:
        print(f"byggde {p} på {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return p


def open_big_book(description: str, argv=None) -> tuple[argparse.Namespace, Book]:
    """What the benchmarks on the big book share: `--rows` and `--runs`, the book built
    (or found in the cache), opened read-only and its size printed. The caller closes it."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    path = make_big_book(rows=args.rows)
    print(f"book: {path} ({time.perf_counter() - t0:.1f} s to build or find)")
    book = Book.open(path, read_only=True)
    n_rows = book.conn.execute("SELECT count(*) FROM voucher_row").fetchone()[0]
    n_days = book.conn.execute("SELECT count(*) FROM balance_day").fetchone()[0]
    print(f"verifikationsrader: {n_rows:,}, balance_day rows: {n_days:,}".replace(",", " "))
    return args, book


def _is_complete(p: Path, rows: int, years: int) -> bool:
    try:
        with Book.open(p, read_only=True) as b:
            return b.setting("benchmark") == f"{rows}:{years}"
    except Exception:
        return False


def _fill(book: Book, rows: int, years: int, verbose: bool) -> None:
    rng = random.Random(SEED)
    with book.transaction():
        owners = [book.add_counterpart(n).id for n in
                  ("Kommun A", "Kommun B", "Kommun B, arbetsmarknadsenheten", "Region X", "Kommun C")]
        projects = [book.add_project(f"P{i:03d}", f"Insats {i}", owner_id=rng.choice(owners),
                                     kind=rng.choice(("individinriktad", "strukturövergripande",
                                                      "samverkansstödjande")), account=4530).id
                    for i in range(1, PROJECTS + 1)]
        for y in range(FIRST_YEAR + 1, FIRST_YEAR + years):
            book.add_year(f"{y}-01-01", f"{y}-12-31")
        book.set_opening_balances(book.years()[0].id, {1930: 2_000_000_00, 2990: -600_000_00,
                                                       2010: -1_400_000_00})
    cost_accounts = [c for c in COSTS for _ in range(c[1])]
    per_year = rows // years
    for yi, year in enumerate(book.years()):
        vouchers = _year_vouchers(rng, year.start[:4], per_year, cost_accounts, projects)
        for start in range(0, len(vouchers), BATCH):
            book.book_vouchers(vouchers[start:start + BATCH])
            if verbose:
                print(f"  {year.label}: {min(start + BATCH, len(vouchers))} verifikationer", file=sys.stderr)
        if yi < years - 1:
            _carry_forward(book, year)


def _year_vouchers(rng: random.Random, yr: str, n_rows: int, cost_accounts, projects) -> list:
    """Vouchers of 2–6 rows, in date order, adding up to about n_rows rows."""
    sizes = []
    total = 0
    while total < n_rows:
        k = min(rng.randint(2, 6), max(2, n_rows - total))
        sizes.append(k)
        total += k
    start = date(int(yr), 1, 1)
    days = 365
    out = []
    for i, k in enumerate(sizes):
        day = (start + timedelta(days=i * days // len(sizes))).isoformat()
        body = []
        if rng.random() < 0.08:
            acc = rng.choice(INCOME)[0]
            for _ in range(k - 1):
                body.append(VoucherRow(acc, -rng.randint(1_000, 200_000) * 100))
        else:
            for _ in range(k - 1):
                acc, _w, lo, hi = rng.choice(cost_accounts)
                pid = rng.choice(projects) if acc == 4530 else None
                body.append(VoucherRow(acc, rng.randint(lo * 100, hi * 100), pid))
        body.append(VoucherRow(1930, -sum(r.amount for r in body)))
        out.append((day, f"Verifikation {i + 1} {yr}", body))
    return out


def _carry_forward(book: Book, year) -> None:
    """Open the next year with this year's closing balances (result into 2010), then
    close this year."""
    nxt = book.next_year(year)
    closing = book.balance_at(year.end, by_project=True)
    carried, result = {}, 0
    for (acc, pid), amount in closing.items():
        if acc >= 3000:
            result += amount
        else:
            carried[(acc, pid)] = amount
    carried[(2010, None)] = carried.get((2010, None), 0) + result
    with book.transaction():
        book.set_opening_balances(nxt.id, carried)
        book.set_year_status(year.id, "closed")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Bygg (eller hitta) en stor bok för prestandamätning.")
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--years", type=int, default=2)
    ap.add_argument("--path")
    ap.add_argument("--fresh", action="store_true")
    a = ap.parse_args(argv)
    t0 = time.perf_counter()
    p = make_big_book(a.path, a.rows, a.years, fresh=a.fresh, verbose=True)
    with Book.open(p, read_only=True) as b:
        n_rows = b.conn.execute("SELECT count(*) FROM voucher_row").fetchone()[0]
        n_v = b.conn.execute("SELECT count(*) FROM voucher").fetchone()[0]
    print(f"{p}: {n_v} verifikationer, {n_rows} rader, {p.stat().st_size / 1e6:.0f} MB "
          f"({time.perf_counter() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
