"""Export then import gives the same book: accounts, insatser, opening balances,
verifikationer and balances. Also the PC8 rules of the writer."""

from __future__ import annotations

import tempfile
from pathlib import Path

from conftest import VALID_ORGNR
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from finsam_desktop.book import Book
from finsam_desktop.cli import main
from finsam_desktop.exchange.sie_import import import_sie
from finsam_desktop.exchange.sie_reader import read_sie
from finsam_desktop.exchange.sie_writer import export_sie


def snapshot(book: Book, label: str) -> dict:
    """What must survive a round trip, independent of database ids and booking times."""
    y = book.year_by_label(label)
    code = {p.id: p.code for p in book.projects()}
    vouchers = []
    for s in book.list_vouchers():
        v = book.voucher(s.id)
        if v.year_id != y.id:
            continue
        vouchers.append((v.series, v.number, v.date, v.text,
                         tuple((r.account, r.amount, code.get(r.project_id), r.text) for r in v.rows)))
    return dict(
        accounts=[(a.number, a.name, a.kind) for a in book.accounts()],
        projects=[(p.code, p.name) for p in book.projects()],
        opening={(a, code.get(p)): amt for (a, p), amt in book.opening_balances(y.id).items()},
        vouchers=vouchers,
        closing=book.balance_at(y.end, by_project=True) and {
            (a, code.get(p)): amt for (a, p), amt in book.balance_at(y.end, by_project=True).items()},
    )


def roundtrip(book: Book, label: str, folder: Path) -> tuple[dict, dict, object]:
    out = folder / "export.se"
    export_sie(book, book.year_by_label(label), out)
    report = import_sie(out, folder / "back.finsam")
    with Book.open(folder / "back.finsam") as back:
        return snapshot(book, label), snapshot(back, label), report


def test_export_then_import_gives_the_same_book(book, tmp_path):
    p1 = book.add_project("P1", "StegSam - Kramfors")
    p2 = book.add_project("P2", 'Insats "Samkraft"')
    y = book.year_by_label("2021")
    book.set_opening_balances(y.id, {1930: 1_589_876_00, (2990, p1.id): -200_000_00, 2010: -1_389_876_00})
    book.book_voucher("2021-01-02", "Återföring interimsskuld", [(2990, 200_000_00, p1.id), (4530, -200_000_00, p1.id)])
    book.book_voucher("2021-02-15", "Driftbidrag FK åäö", [(1930, 648_000_00), (3010, -648_000_00)])
    book.book_voucher("2021-03-01", "Faktura 12\\3", [(4530, 120_000_50, p2.id, None, "rad med text"),
                                                     (1930, -120_000_50)], series="B")
    before, after, report = roundtrip(book, "2021", tmp_path)
    assert after == before
    assert not report.differences
    sie = read_sie(tmp_path / "export.se")
    assert sie.checksum == "ok" and sie.encoding == "cp437" and sie.sie_type == "4"
    assert sie.oib[(0, 2990, 6, "P1")] == -200_000_00
    assert (0, 2990, 6, "P1") not in sie.oub  # the accrual was reversed during the year


def test_previous_year_comes_back_as_balances_for_comparison(book, tmp_path):
    first = book.year_by_label("2021")
    book.set_opening_balances(first.id, {1930: 500_000_00, 2010: -500_000_00})
    book.book_voucher("2021-06-30", "Driftbidrag", [(1930, 100_000_00), (3010, -100_000_00)])
    book.book_voucher("2021-07-30", "Lokalhyra", [(6110, 30_000_00), (1930, -30_000_00)])
    second = book.add_year("2022-01-01", "2022-12-31")
    book.set_opening_balances(second.id, {1930: 570_000_00, 2010: -570_000_00})
    book.book_voucher("2022-03-01", "Driftbidrag", [(1930, 50_000_00), (3010, -50_000_00)])
    before, after, report = roundtrip(book, "2022", tmp_path)
    assert after == before and not report.differences
    with Book.open(tmp_path / "back.finsam") as back:
        y21 = back.year_by_label("2021")
        assert back.movements(y21.start, y21.end)[3010] == -100_000_00
        assert back.balance_at("2021-12-31")[1930] == 570_000_00
        assert back.voucher_by_ref(y21.id, "SIE", 1).text == "Årets förändring enligt SIE-fil"


def test_characters_pc8_cannot_hold_are_written_as_question_marks_and_reported(book, tmp_path):
    book.book_voucher("2021-02-15", "Bidrag 100 € – tack", [(1930, 100_00), (3010, -100_00)])
    report = export_sie(book, book.year_by_label("2021"), tmp_path / "e.se")
    sie = read_sie(tmp_path / "e.se")
    assert sie.vouchers[0].text == "Bidrag 100 ? - tack"
    msgs = [f.message for f in report.replaced]
    assert "e.se: Tecknet ”€” i verifikation A 1 finns inte i teckenuppsättningen PC8 och skrevs som ”?”." in msgs
    assert "e.se: Tecknet ”–” i verifikation A 1 finns inte i teckenuppsättningen PC8 och skrevs som ”-”." in msgs


def test_typographic_dashes_and_quotes_are_written_in_their_plain_form(book, tmp_path):
    """An insats named "Samkraft – koordinator" must not arrive as "Samkraft ? koordinator"."""
    book.add_project("SAMK", "Samkraft – teamkoordinator/coach")
    book.book_voucher("2021-03-01", "”Trygga föräldrar” … kvartal 1", [(1930, 100_00), (3010, -100_00)])
    report = export_sie(book, book.year_by_label("2021"), tmp_path / "e.se")
    sie = read_sie(tmp_path / "e.se")
    assert sie.vouchers[0].text == '"Trygga föräldrar" ... kvartal 1'
    assert "#OBJEKT 6 \"SAMK\" \"Samkraft - teamkoordinator/coach\"" in (tmp_path / "e.se").read_bytes().decode("cp437")
    assert {m.message.split("skrevs som ")[1] for m in report.replaced} >= {"”-”.", "”\"”.", "”...”."}


def test_cli_export_writes_the_year(book, tmp_path, capsys):
    book.book_voucher("2021-02-15", "Bidrag", [(1930, 100_00), (3010, -100_00)])
    book.close()
    out = tmp_path / "x.se"
    assert main(["export-sie", str(book.path), "--year", "2021", "-o", str(out)]) == 0
    assert "1 verifikationer" in capsys.readouterr().out
    text = out.read_bytes().decode("cp437")
    assert text.startswith("#FLAGGA 0\r\n#KSUMMA\r\n")
    assert "#RAR 0 20210101 20211231" in text and "#VER \"A\" 1 20210215 \"Bidrag\"" in text
    assert "#FORMAT PC8" in text and text.rstrip().splitlines()[-1].startswith("#KSUMMA ")


def test_cli_export_leaves_the_book_unchanged_and_no_files_beside_it(book, tmp_path):
    book.book_voucher("2021-02-15", "Bidrag", [(1930, 100_00), (3010, -100_00)])
    book.close()
    out = tmp_path / "ut" / "x.se"
    out.parent.mkdir()
    folder = book.path.parent
    before = book.path.read_bytes()
    files = sorted(p.name for p in folder.iterdir())
    assert main(["export-sie", str(book.path), "--year", "2021", "-o", str(out)]) == 0
    assert main(["export-sie", str(book.path), "-o", str(out.with_name("y.se"))]) == 0
    assert sorted(p.name for p in folder.iterdir()) == files          # no -wal, no -shm
    assert book.path.read_bytes() == before
    assert out.read_bytes() == out.with_name("y.se").read_bytes()


def test_export_while_the_book_is_open_elsewhere_leaves_its_files_alone(book, tmp_path):
    """The -wal and -shm of a book open in the program belong to it; an export beside it
    neither removes them nor keeps the program from booking."""
    book.book_voucher("2021-02-15", "Bidrag", [(1930, 100_00), (3010, -100_00)])
    wal = Path(str(book.path) + "-wal")
    assert wal.exists()
    assert main(["export-sie", str(book.path), "-o", str(tmp_path / "x.se")]) == 0
    assert wal.exists()
    book.book_voucher("2021-02-16", "Bidrag 2", [(1930, 50_00), (3010, -50_00)])
    assert book.count_vouchers() == 2
    assert read_sie(tmp_path / "x.se").row_count == 2


# ---------------------------------------------------------------------------- generated ledgers
# Bookkeeping text: letters (Swedish too), digits, blanks and punctuation, quotes included.
PC8_TEXT = st.text(alphabet=st.sampled_from("abcXYZ åäöÅÄÖéü 0189 .,:;-+%&/()\"'#{}!?"), max_size=25)
ACCOUNTS = [1510, 1930, 2440, 2990, 3010, 3020, 4530, 5010, 6110, 8440, 8570]

row = st.tuples(st.sampled_from(ACCOUNTS), st.integers(-10_000_000_00, 10_000_000_00).filter(bool),
                st.sampled_from([None, "P1", "P2"]), PC8_TEXT)
# A verifikation always says what it is about (the book refuses an empty text).
voucher = st.tuples(st.sampled_from(["A", "B", "LÖN"]), st.integers(1, 365), PC8_TEXT.filter(lambda t: t.strip()),
                    st.lists(row, min_size=1, max_size=4))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(voucher, max_size=12), st.integers(0, 10_000_000_00), PC8_TEXT.filter(lambda t: t.strip()))
def test_generated_ledgers_survive_export_and_import_unchanged(vouchers, bank, project_name):
    from datetime import date, timedelta
    with tempfile.TemporaryDirectory() as d:
        folder = Path(d)
        book = Book.create(folder / "g.finsam", namn="Generatorförbundet", orgnr=VALID_ORGNR,
                           year_start="2021-01-01", year_end="2021-12-31")
        try:
            ids = {"P1": book.add_project("P1", project_name.strip()).id, "P2": book.add_project("P2", "Två").id}
            y = book.year_by_label("2021")
            book.set_opening_balances(y.id, {1930: bank, (2990, ids["P1"]): -bank, 2010: 0})
            for series, day, text, rows in vouchers:
                when = (date(2021, 1, 1) + timedelta(days=day - 1)).isoformat()
                clean = [(a, amt, ids[p] if p else None, None, t.strip()) for a, amt, p, t in rows]
                clean.append((1930, -sum(r[1] for r in clean), None, None, ""))
                if clean[-1][1] == 0:
                    clean.pop()
                if len(clean) < 2:
                    continue
                book.book_voucher(when, text, clean, series=series)
            before, after, report = roundtrip(book, "2021", folder)
        finally:
            book.close()
        assert after == before
        assert not report.differences


def test_cli_export_reads_a_book_whose_name_has_blanks_and_signs(tmp_path):
    path = tmp_path / "Förbund 50% #1 ?.finsam"
    book = Book.create(path, namn="Testförbundet", orgnr=VALID_ORGNR, year_start="2021-01-01", year_end="2021-12-31")
    book.book_voucher("2021-02-15", "Bidrag", [(1930, 100_00), (3010, -100_00)])
    book.close()
    before = path.read_bytes()
    out = tmp_path / "ut.se"
    assert main(["export-sie", str(path), "-o", str(out)]) == 0
    assert read_sie(out).row_count == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([path.name, out.name])
    assert path.read_bytes() == before
