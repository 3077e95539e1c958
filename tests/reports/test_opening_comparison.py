"""The book's first year: its balansräkning compares with its ingående balanser.

When the previous räkenskapsår is not in the book (a book started from opening balances,
or imported from a SIE file), the balansräkning's previous column and the notes on its
rows are the first year's ingående balanser (the previous year's utgående balans), dated
the day before the year. The flows of that year are not known: resultaträkning,
kassaflödesanalys, driftredovisning and the notes on their rows have no comparison
(None, never zeros). The expected figures are the ingående balanser as the test sets
them, summed per row here, not read back from the engine.
"""

from __future__ import annotations

import io
import json
from dataclasses import replace

import pytest
from openpyxl import load_workbook

from conftest import VALID_ORGNR, shared_path
from finsam_desktop.book import Book
from finsam_desktop.book.annual import HistoryYear
from finsam_desktop.cli import main
from finsam_desktop.exchange.sie_import import import_sie
from finsam_desktop.exchange.sie_writer import export_sie
from finsam_desktop.money import format_kr
from finsam_desktop.render.json_out import to_json
from finsam_desktop.render.pdf import render_pdf_bytes
from finsam_desktop.render.text import render_text
from finsam_desktop.render.xlsx import write_xlsx
from finsam_desktop.reports import build_report, in_tkr
from finsam_desktop.reports.document import build_document
from finsam_desktop.reports.engine import _note_checks
from finsam_desktop.reports.layout import BALANSRAKNING, LAYOUTS, LIABILITY_ROWS, with_sums
from finsam_desktop.reports.model import NO_PREVIOUS_CAPTION, OPENING_BALANCES_CAPTION
from other_charts import build_ornskoldsvik
from pdf_helpers import kr, pages_text

KR = 100
SIGN = {rid: (-1 if rid in LIABILITY_ROWS + ("ovrigt_eget_kapital",) else 1) for rid, *_ in BALANSRAKNING}


def opening_per_row(book: Book, year_id: int) -> dict[str, int | None]:
    """The balansräkning of the ingående balanser, summed per row from the book's
    opening balances and the accounts' rows (report sign); Årets resultat is unknown."""
    rows = {a.number: a.row_id for a in book.accounts()}
    leaves: dict[str, int] = {}
    for (acc, _pid), amount in book.opening_balances(year_id).items():
        rid = rows[acc]
        leaves[rid] = leaves.get(rid, 0) + SIGN[rid] * amount
    out: dict[str, int | None] = with_sums(BALANSRAKNING, leaves)
    out["arets_resultat"] = None
    return out


@pytest.fixture(scope="module")
def ovik(tmp_path_factory):
    book = build_ornskoldsvik(tmp_path_factory.mktemp("ovik") / "ovik.finsam")
    yield book
    book.close()


@pytest.fixture(scope="module")
def o2019(ovik):
    return build_report(ovik, ovik.year_by_label("2019").id)


# ------------------------------------------------------------------------ the engine
def test_previous_column_is_the_opening_balance_per_row_and_balances(ovik, o2019):
    r = o2019
    assert r.previous_period is None
    assert (r.previous_from_opening_balances, r.previous_balance_date) == (True, "2018-12-31")
    prev = r.balansrakning.previous_amounts()
    assert prev == opening_per_row(ovik, r.year_id)
    # By hand from the 2019 ingående balanser (other_charts.py).
    assert (prev["materiella_anlaggningstillgangar"], prev["fordringar"], prev["kassa_och_bank"]) == \
        (120_000_00, 20_000_00, 1_780_000_00)
    assert (prev["summa_eget_kapital"], prev["avsattningar"], prev["langfristiga_skulder"],
            prev["kortfristiga_skulder"]) == (1_180_000_00, 100_000_00, 200_000_00, 440_000_00)
    assert prev["summa_tillgangar"] == prev["summa_eget_kapital_avsattningar_och_skulder"] == 1_920_000_00
    # The current column is the year's own, and its opening equals the comparison.
    assert r.balansrakning.row("summa_eget_kapital").amount == 1_234_000_00
    assert r.note("eget_kapital").lines[0].amount == prev["summa_eget_kapital"]
    assert r.check("balansrakning_balanserar_foregaende_bokslut").ok
    assert "2018-12-31 (ingående balanser)" in r.check("balansrakning_balanserar_foregaende_bokslut").message
    assert r.ok, [c.message for c in r.kontroller if not c.ok]


def test_flows_of_the_previous_year_are_none_not_zero(o2019):
    r = o2019
    assert set(r.resultatrakning.previous_amounts().values()) == {None}
    assert set(r.kassaflodesanalys.previous_amounts().values()) == {None}
    assert {k.previous for k in r.nyckeltal.balanskrav} == {None}
    assert all(d.previous_utfall is None for d in (r.driftredovisning.rows if r.driftredovisning else ()))
    for nid in ("verksamhetens_intakter", "verksamhetens_kostnader"):
        n = r.note(nid)
        assert n.previous_total is None and {ln.previous for ln in n.lines} == {None}


def test_notes_on_balance_rows_carry_the_opening_balances_and_agree_with_the_rows(o2019):
    r = o2019
    br = r.balansrakning
    assert [(ln.account, ln.previous) for ln in r.note("fordringar").lines] == [(1650, 20_000_00)]
    assert r.note("fordringar").previous_total == br.row("fordringar").previous
    ks = r.note("kortfristiga_skulder")
    assert [(ln.account, ln.previous) for ln in ks.lines] == [(2440, 60_000_00), (2990, 380_000_00), (2999, 0)]
    assert ks.previous_total == br.row("kortfristiga_skulder").previous == 440_000_00
    # Interimsskulder per projektägare and insats at the end of 2018, as the IB holds them.
    im = r.note("interimsskulder")
    assert [(ln.insats, ln.previous) for ln in im.lines] == [
        ("Plattform U", 180_000_00), ("Processtöd psykisk hälsa", 200_000_00), ("Trygga föräldrar – Älskade barn", 0)]
    assert im.previous_total == 380_000_00
    # Eget kapital: only the closing figure of 2018 is known.
    ek = r.note("eget_kapital")
    assert [ln.previous for ln in ek.lines] == [None, None, 1_180_000_00]
    assert ek.previous_total == br.row("summa_eget_kapital").previous
    assert all(r.check(f"not_{n.id}").ok for n in r.noter if n.row_ids)


def test_a_note_whose_comparison_misses_its_row_fails_its_check(o2019):
    r = o2019
    bad = replace(r.note("fordringar"), previous_total=19_000_00)
    finding = _note_checks(bad, r)[0]
    assert not finding.ok
    assert "föregående år" in finding.message and "19 000 kr" in finding.message and "20 000 kr" in finding.message
    lines = replace(r.note("kortfristiga_skulder"),
                    lines=tuple(replace(ln, previous=(ln.previous or 0) + 1) for ln in r.note("kortfristiga_skulder").lines))
    assert not _note_checks(lines, r)[0].ok


def test_delarsrapport_of_the_first_year_compares_its_balance_sheet_with_the_opening_balances(ovik, o2019):
    half = build_report(ovik, o2019.year_id, "2019-01-01", "2019-06-30")
    assert half.previous_period is None and half.previous_balance_date == "2018-12-31"
    assert half.balansrakning.previous_amounts() == o2019.balansrakning.previous_amounts()
    assert set(half.resultatrakning.previous_amounts().values()) == {None}
    assert half.ok, [c.message for c in half.kontroller if not c.ok]


def test_tkr_comparison_is_each_figure_rounded_once(o2019):
    t = in_tkr(o2019)
    prev = t.balansrakning.previous_amounts()
    assert (prev["kassa_och_bank"], prev["summa_tillgangar"], prev["arets_resultat"]) == (1_780, 1_920, None)
    assert t.note("interimsskulder").previous_total == 380
    assert o2019.check("tkr_avrundning").ok


def test_second_year_still_compares_with_the_first_year_in_the_book(ovik):
    r = build_report(ovik, ovik.year_by_label("2020").id)
    assert not r.previous_from_opening_balances and r.previous_period.fran == "2019-01-01"
    assert r.balansrakning.row("arets_resultat").previous == 54_000_00
    assert r.resultatrakning.row("arets_resultat").previous == 54_000_00


def test_a_first_year_without_opening_balances_has_no_comparison(tmp_path):
    b = Book.create(tmp_path / "ny.finsam", namn="Nytt förbund", orgnr=VALID_ORGNR,
                    year_start="2025-01-01", year_end="2025-12-31")
    b.book_voucher("2025-02-01", "Driftbidrag", [(1930, 500_000_00), (3010, -500_000_00)])
    r = build_report(b, b.years()[0].id)
    assert not r.previous_from_opening_balances and r.previous_balance_date is None
    assert not r.has_previous_balance
    assert set(r.balansrakning.previous_amounts().values()) == {None}
    assert to_json(r)["foregaende_ar"] is None
    assert len(r.nyckeltal.femarsoversikt) == 1
    assert "ingående balanser" not in render_text(r)
    b.close()


# ------------------------------------------------------------------ the five-year overview
def test_five_year_overview_shows_the_year_before_from_its_balances_unless_entered(tmp_path):
    book = build_ornskoldsvik(tmp_path / "o.finsam")
    y = book.year_by_label("2019")
    o = build_report(book, y.id).nyckeltal.femarsoversikt
    assert [(x.year_label, x.from_opening_balances) for x in o] == [("2019", False), ("2018", True)]
    ib = o[1]
    assert (ib.eget_kapital, ib.likvida_medel, ib.soliditet_procent) == (1_180_000_00, 1_780_000_00, 61.46)
    assert (ib.verksamhetens_intakter, ib.verksamhetens_kostnader, ib.arets_resultat, ib.tilldelade_medel,
            ib.andel_procent) == (None,) * 5
    # Key figures entered from the 2018 årsredovisning take the column's place.
    book.set_history_year(HistoryYear(2018, 2_800_000_00, 2_800_000_00, -2_750_000_00, 50_000_00,
                                      1_180_000_00, 1_920_000_00, 1_780_000_00, source="Årsredovisning 2018"))
    o = build_report(book, y.id).nyckeltal.femarsoversikt
    assert [(x.year_label, x.entered, x.from_opening_balances) for x in o] == [
        ("2019", False, False), ("2018", True, False)]
    book.close()


# ------------------------------------------------------------------------ renderers
def test_json_keeps_its_keys_and_marks_the_source(o2019):
    data = json.loads(json.dumps(to_json(o2019)))
    prev = data["foregaende_ar"]
    assert set(prev) == {"resultatrakning", "balansrakning", "kassaflodesanalys", "period", "balansdag",
                         "kalla", "anmarkning"}
    assert (prev["period"], prev["balansdag"], prev["kalla"]) == (None, "2018-12-31", "ingaende_balanser")
    assert prev["anmarkning"] == OPENING_BALANCES_CAPTION
    for sid, layout in LAYOUTS.items():
        assert list(prev[sid]) == [rid for rid, *_ in layout]
    assert prev["balansrakning"]["summa_tillgangar"] == 1_920_000_00
    assert data["noter"]["fordringar"]["foregaende_summa"] == 20_000_00
    assert data["nyckeltal"]["femarsoversikt"][1]["from_opening_balances"] is True
    assert "from_opening_balances" not in data["nyckeltal"]["femarsoversikt"][0]


def test_report_command_prints_the_comparison(ovik, o2019, capsys):
    assert main(["report", str(ovik.path), "--year", "2019"]) == 0
    out = capsys.readouterr().out
    br = out[out.index("BALANSRÄKNING"):out.index("KASSAFLÖDESANALYS")]
    assert "2019-12-31" in br and "2018-12-31" in br
    line = next(ln for ln in br.splitlines() if ln.startswith("Summa tillgångar"))
    now = format_kr(o2019.balansrakning.row("summa_tillgangar").amount)
    assert " ".join(line.split()) == f"Summa tillgångar {now} 1 920 000"
    assert OPENING_BALANCES_CAPTION in " ".join(br.split())
    rr = out[out.index("RESULTATRÄKNING"):out.index("BALANSRÄKNING")]
    assert NO_PREVIOUS_CAPTION in rr and "2018" not in rr


def test_pdf_balance_sheet_prints_the_opening_balances_and_says_so(ovik, o2019):
    doc = build_document(ovik, o2019.year_id, report=o2019)
    text = [" ".join(t.split()) for t in pages_text(render_pdf_bytes(doc))]
    br = next(t for t in text if "Balansräkning" in t and "Ställning per" in t)
    assert "Belopp i kr Not 2019-12-31 2018-12-31" in br
    assert f"Kassa och bank {kr(1_959_000_00)} {kr(1_780_000_00)}" in br
    assert f"Årets resultat {kr(54_000_00)} \u2013 Övrigt eget kapital" in br
    assert f"Summa eget kapital 4 {kr(1_234_000_00)} {kr(1_180_000_00)}" in br
    assert f"Summa tillgångar {kr(2_064_000_00)} {kr(1_920_000_00)}" in br
    assert OPENING_BALANCES_CAPTION in br
    rr = next(t for t in text if "Resultaträkning" in t and "Perioden 2019-01-01" in t)
    assert NO_PREVIOUS_CAPTION in rr and "2018" not in rr
    notes = " ".join(t for t in text if "Interimsskulder per projektägare" in t)
    assert f"{kr(190_000_00)} {kr(180_000_00)}" in notes


def test_xlsx_balance_sheet_has_the_opening_balance_column(ovik, o2019, tmp_path):
    path = tmp_path / "o.xlsx"
    write_xlsx(build_document(ovik, o2019.year_id, report=o2019, with_ledger=True), path)
    wb = load_workbook(io.BytesIO(path.read_bytes()))
    ws = wb["Balansräkning"]
    rows = list(ws.iter_rows(values_only=True))
    header = next(r for r in rows if r and r[0] == "Post")
    assert header[2:4] == ("2019-12-31", "2018-12-31 (IB)")
    by_id = {r[-1]: r for r in rows if r and r[-1] in dict.fromkeys(rid for rid, *_ in BALANSRAKNING)}
    assert by_id["kassa_och_bank"][2:4] == (1_959_000, 1_780_000)
    assert by_id["arets_resultat"][3] is None
    assert any(r and r[0] == OPENING_BALANCES_CAPTION for r in rows)
    rr = list(wb["Resultaträkning"].iter_rows(values_only=True))
    assert all(r[3] is None for r in rr if r and r[-1] == "arets_resultat")
    assert any(r and r[0] == NO_PREVIOUS_CAPTION for r in rr)


# ---------------------------------------------------------------------- books from SIE
def test_book_whose_first_year_came_from_sie_compares_with_its_opening_balances(ovik, o2019, tmp_path):
    """Örnsköldsvik 2019 written as SIE 4 and read into a new book: the new book's first
    year has the same comparison column, from the file's #IB."""
    export_sie(ovik, ovik.year_by_label("2019"), tmp_path / "o2019.se")
    import_sie(tmp_path / "o2019.se", tmp_path / "fran_sie.finsam")
    with Book.open(tmp_path / "fran_sie.finsam") as book:
        r = build_report(book, book.year_by_label("2019").id)
        assert r.previous_from_opening_balances
        assert r.balansrakning.previous_amounts() == o2019.balansrakning.previous_amounts()
        assert r.balansrakning.previous_amounts() == opening_per_row(book, r.year_id)
        assert r.ok, [c.message for c in r.kontroller if not c.ok]


def test_real_sie_file_first_year_compares_with_its_opening_balances(tmp_path):
    import_sie(shared_path("sie-samples", "BLBLOV_SIE4.SE"), tmp_path / "bl.finsam")
    with Book.open(tmp_path / "bl.finsam") as book:
        y16, y17 = book.year_by_label("2016"), book.year_by_label("2017")
        r = build_report(book, y16.id)
        assert r.previous_balance_date == "2015-12-31"
        prev = r.balansrakning.previous_amounts()
        assert prev == opening_per_row(book, y16.id)
        assert prev["kassa_och_bank"] == 1_622_942_00 and prev["summa_tillgangar"] == 1_563_961_00
        assert r.check("balansrakning_balanserar_foregaende_bokslut").ok
        assert [c.check for c in r.kontroller if not c.ok] == []
        # 2017 compares with 2016 as the book holds it, not with its ingående balanser.
        r17 = build_report(book, y17.id)
        assert not r17.previous_from_opening_balances and r17.previous_period.fran == "2016-01-01"


def test_opening_balance_on_an_account_without_a_row_fails_the_comparison_check(tmp_path):
    b = Book.create(tmp_path / "b.finsam", namn="Testförbundet", orgnr=VALID_ORGNR,
                    year_start="2021-01-01", year_end="2021-12-31")
    b.add_account(1799, "Gammal fordran", "T", row_id=None)
    b.set_opening_balances(b.years()[0].id, {1930: 400_000_00, 1799: 25_000_00, 2010: -425_000_00})
    # The year clears the account: the year's own balansräkning is whole.
    b.book_voucher("2021-03-01", "Fordran betald", [(1930, 25_000_00), (1799, -25_000_00)])
    r = build_report(b, b.years()[0].id)
    assert r.check("balansrakning_balanserar").ok
    check = r.check("balansrakning_balanserar_foregaende_bokslut")
    assert not check.ok
    assert "summa tillgångar 400 000 kr" in check.message and "425 000 kr" in check.message
    assert "Konto 1799 har ingående balans" in check.message
    b.close()
