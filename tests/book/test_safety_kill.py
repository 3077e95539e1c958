"""Killing the program while it books or imports never leaves a half-written book: after
each kill the book opens, verifies in full and holds every verifikation it reported
booked (at least 30 kills of bookings and 10 of an import; more in
benchmarks/bench_kill.py)."""

from __future__ import annotations

import random
import subprocess
import sys
import time
from pathlib import Path

from finsam_desktop.book import Book
from finsam_desktop.book.verify import failed, verify_book
from finsam_desktop.exchange.sie_import import import_sie
from finsam_desktop.exchange.sie_writer import export_sie
from tests.conftest import REPO, VALID_ORGNR

BOOKING = r"""
import sys
from finsam_desktop.book import Book
book = Book.open(sys.argv[1])
i = 0
while True:
    i += 1
    v = book.book_voucher("2021-03-01", f"Kill {i}", [(1930, 100 * i), (5410, 50 * i), (3010, -150 * i)])
    print(v.id, flush=True)
"""

IMPORT = r"""
import sys
from finsam_desktop.exchange.sie_import import import_sie
print("start", flush=True)
import_sie(sys.argv[1], sys.argv[2])
print("done", flush=True)
"""


def _child(script: str, *args) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", script, *map(str, args)], cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)


def kill_bookings(path: Path, kills: int, rng: random.Random) -> int:
    """Kill a booking process `kills` times; returns how many survived every check."""
    survived = 0
    for _ in range(kills):
        p = _child(BOOKING, path)
        first = p.stdout.readline()
        assert first.strip(), "the booking process did not start"
        time.sleep(rng.uniform(0.0, 0.15))
        p.kill()
        reported = [int(x) for x in [first, *p.stdout.read().split()] if x.strip()]
        p.wait()
        with Book.open(path) as book:
            ids = {r[0] for r in book.conn.execute("SELECT id FROM voucher")}
            problems = failed(verify_book(book))
        if set(reported) <= ids and not problems:
            survived += 1
    return survived


def test_thirty_kills_while_booking(tmp_path):
    path = tmp_path / "kill.finsam"
    Book.create(path, namn="Förbundet", orgnr=VALID_ORGNR, year_start="2021-01-01",
                year_end="2021-12-31").close()
    assert kill_bookings(path, 30, random.Random(14)) == 30


def sie_source(tmp_path: Path, vouchers: int = 4000) -> Path:
    """A SIE 4 file of a book with `vouchers` verifikationer (big enough to kill midway)."""
    src = tmp_path / "source.finsam"
    book = Book.create(src, namn="Förbundet", orgnr=VALID_ORGNR, year_start="2021-01-01", year_end="2021-12-31")
    book.book_vouchers([(f"2021-{1 + i % 12:02d}-{1 + i % 28:02d}", f"Rad {i}",
                         [(1930, 100 + i), (5410, 50), (3010, -150 - i)]) for i in range(vouchers)])
    path = tmp_path / "source.se"
    export_sie(book, book.years()[0], path)
    book.close()
    return path


def test_ten_kills_during_an_import(tmp_path):
    source = sie_source(tmp_path)
    rng = random.Random(19)
    outcomes = []
    for i in range(10):
        target = tmp_path / f"imp{i}.finsam"
        p = _child(IMPORT, source, target)
        p.stdout.readline()
        time.sleep(rng.uniform(0.0, 1.0))
        p.kill()
        p.wait()
        if target.exists():  # the import had finished: a whole book
            with Book.open(target) as book:
                assert not failed(verify_book(book))
                assert book.conn.execute("SELECT count(*) FROM voucher").fetchone()[0] == 4000
            outcomes.append("klar")
            target.unlink()
        else:
            outcomes.append("ingen bok")
        # the next import into the same target cleans up what the killed one left, and says so
        report = import_sie(source, target)
        assert report.created
        assert not [p for p in tmp_path.iterdir() if p.name.startswith(f".imp{i}.finsam.")]
        if outcomes[-1] == "ingen bok" and any(f.check == "import.leftover" for f in report.findings):
            outcomes[-1] = "ingen bok, rester städade"
    assert len(outcomes) == 10
    assert any(o.startswith("ingen bok") for o in outcomes)


def test_two_imports_into_the_same_new_book_never_share_a_temporary_file(tmp_path):
    source = sie_source(tmp_path, 1500)
    target = tmp_path / "ny.finsam"
    procs = [_child(IMPORT, source, target) for _ in range(2)]
    results = []
    for p in procs:
        out, _ = p.communicate(timeout=120)
        results.append((p.returncode, out))
    done = [r for r in results if r[0] == 0 and "done" in r[1]]
    assert len(done) >= 1
    with Book.open(target) as book:
        assert book.conn.execute("SELECT count(*) FROM voucher").fetchone()[0] == 1500
        assert not failed(verify_book(book))
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith((".ny", "ny"))) == ["ny.finsam"]
