"""Random and damaged SIE input never gives a traceback (only FinsamError) and never
leaves a half-written book behind."""

from __future__ import annotations

import tempfile
from functools import lru_cache
from pathlib import Path

from conftest import VALID_ORGNR
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from finsam_desktop.book import Book
from finsam_desktop.errors import FinsamError
from finsam_desktop.exchange.sie_import import import_sie
from finsam_desktop.exchange.sie_reader import parse_sie
from finsam_desktop.exchange.sie_writer import build_sie


@lru_cache(maxsize=1)
def valid_file() -> bytes:
    """A small SIE 4 file with #KSUMMA, insatser, both years and a few verifikationer."""
    with tempfile.TemporaryDirectory() as d:
        book = Book.create(Path(d) / "v.finsam", namn="Fuzzförbundet", orgnr=VALID_ORGNR,
                           year_start="2020-01-01", year_end="2020-12-31")
        try:
            p = book.add_project("P1", "StegSam")
            book.set_opening_balances(book.year_by_label("2020").id, {1930: 90_000_00, 2010: -90_000_00})
            book.book_voucher("2020-05-01", "Bidrag", [(1930, 10_000_00), (3010, -10_000_00)])
            y = book.add_year("2021-01-01", "2021-12-31")
            book.set_opening_balances(y.id, {1930: 100_000_00, (2990, p.id): -5_000_00, 2010: -95_000_00})
            book.book_voucher("2021-02-01", "Driftbidrag åäö", [(1930, 50_000_00), (3010, -50_000_00)])
            book.book_voucher("2021-03-01", 'Faktura "X"', [(4530, 5_000_00, p.id), (2990, -5_000_00, p.id)])
            book.book_voucher("2021-04-01", "Hyra", [(6110, 2_000_00), (1930, -2_000_00)], series="B")
            data, _replaced, _n = build_sie(book, y)
        finally:
            book.close()
    return data


def mutate(data: bytes, kind: str, a: int, b: int, noise: bytes) -> bytes:
    if kind == "truncate":
        return data[: a % (len(data) + 1)]
    if kind == "flip":
        out = bytearray(data)
        for i, byte in enumerate(noise):
            out[(a + i * 7919) % len(out)] = byte
        return bytes(out)
    lines = data.split(b"\r\n")
    if kind == "drop":
        del lines[a % len(lines): a % len(lines) + 1 + b % 3]
    elif kind == "dup":
        i = a % len(lines)
        lines.insert(i, lines[(i + b) % len(lines)])
    return b"\r\n".join(lines)


mutation = st.tuples(st.sampled_from(["truncate", "flip", "drop", "dup"]), st.integers(0, 10**6),
                     st.integers(0, 10**6), st.binary(min_size=1, max_size=6))


def test_the_unmutated_file_imports_cleanly(tmp_path):
    src = tmp_path / "ok.se"
    src.write_bytes(valid_file())
    report = import_sie(src, tmp_path / "ok.finsam")
    assert report.voucher_count == 4 and not report.differences


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.binary(max_size=400), st.text(max_size=300).map(lambda t: t.encode("utf-8")),
                 mutation.map(lambda m: mutate(valid_file(), *m))))
def test_reader_never_raises_on_random_or_damaged_input(data):
    sie = parse_sie(data, "slump.se")
    for f in sie.findings:
        assert f.message.startswith("slump.se") and f.severity in ("error", "warning")


def damaged_file(folder: Path, m) -> Path:
    """The valid test file with mutation `m`, written as skadad.se in `folder`."""
    src = folder / "skadad.se"
    src.write_bytes(mutate(valid_file(), *m))
    return src


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutation)
def test_damaged_file_gives_a_whole_book_or_none(m):
    with tempfile.TemporaryDirectory() as d:
        folder = Path(d)
        src = damaged_file(folder, m)
        target = folder / "bok.finsam"
        try:
            import_sie(src, target)
        except FinsamError as exc:
            assert exc.message
            assert sorted(p.name for p in folder.iterdir()) == ["skadad.se"]
            return
        with Book.open(target) as book:
            for y in book.years():
                assert sum(book.opening_balances(y.id).values()) == 0
                assert sum(book.movements(y.start, y.end).values()) == 0


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutation)
def test_damaged_file_leaves_an_existing_book_unchanged_or_imported_whole(m):
    with tempfile.TemporaryDirectory() as d:
        folder = Path(d)
        src = damaged_file(folder, m)
        target = folder / "bok.finsam"
        Book.create(target, namn="Befintligt", orgnr=VALID_ORGNR, year_start="2021-01-01",
                    year_end="2021-12-31").close()
        with Book.open(target) as book:
            before = (len(book.audit_log()), book.count_vouchers(), len(book.accounts()))
        try:
            import_sie(src, target)
        except FinsamError:
            with Book.open(target) as book:
                assert (len(book.audit_log()), book.count_vouchers(), len(book.accounts())) == before
            return
        with Book.open(target) as book:
            assert book.audit_log()[-1]["action"] == "sie.import"
