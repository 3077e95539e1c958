"""The reports engine against Kramfors' årsredovisning 2021 and against the rules."""

from __future__ import annotations

import json

import pytest

from conftest import VALID_ORGNR
from finsam_desktop.book import Book, VoucherRow
from finsam_desktop.cli import main
from finsam_desktop.reports import build_report, in_tkr, interimsskulder_per_projekt
from finsam_desktop.render.json_out import to_json
from finsam_desktop.reports.layout import LAYOUTS
from kramfors import EXPECTED, NOTE_6, NOTE_6_REST
from kramfors import kramfors_book  # noqa: F401  (the fixture `kramfors`)

KR = 100


@pytest.fixture(scope="module")
def k2021(kramfors):
    return build_report(kramfors, kramfors.year_by_label("2021").id)


def kr(report, statement, row, previous=False):
    r = getattr(report, statement).row(row)
    v = r.previous if previous else r.amount
    assert v % KR == 0, f"{statement}.{row} has öre: {v}"
    return v // KR


# ---------------------------------------------------------------------------- Kramfors
def test_kramfors_result_matches_the_printed_report(k2021):
    assert kr(k2021, "resultatrakning", "arets_resultat") == EXPECTED["arets_resultat_2021"]
    assert kr(k2021, "resultatrakning", "arets_resultat", previous=True) == EXPECTED["arets_resultat_2020"]
    assert kr(k2021, "resultatrakning", "verksamhetens_intakter") == EXPECTED["verksamhetens_intakter_2021"]
    assert kr(k2021, "resultatrakning", "verksamhetens_kostnader") == EXPECTED["verksamhetens_kostnader_2021"]
    assert kr(k2021, "resultatrakning", "finansiella_kostnader") == EXPECTED["finansiella_kostnader_2021"]


def test_kramfors_balance_sheet_with_bank_on_1040_and_momsfordran_on_1480(k2021):
    assert kr(k2021, "balansrakning", "kassa_och_bank") == EXPECTED["likvida_medel_ub_2021"]
    assert kr(k2021, "balansrakning", "fordringar") == 5_481
    assert kr(k2021, "balansrakning", "summa_tillgangar") == EXPECTED["summa_tillgangar_2021"]
    assert kr(k2021, "balansrakning", "summa_eget_kapital") == EXPECTED["summa_eget_kapital_2021"]
    assert kr(k2021, "balansrakning", "ovrigt_eget_kapital") == 588_636
    assert kr(k2021, "balansrakning", "kortfristiga_skulder") == EXPECTED["kortfristiga_skulder_2021"]
    assert kr(k2021, "balansrakning", "summa_eget_kapital_avsattningar_och_skulder") == 1_417_237


def test_kramfors_cash_flow_matches_the_finansieringsanalys(k2021):
    assert kr(k2021, "kassaflodesanalys", "kassaflode_fran_den_lopande_verksamheten") == \
        EXPECTED["kassaflode_lopande_2021"]
    assert kr(k2021, "kassaflodesanalys", "kassaflode_fran_den_lopande_verksamheten", previous=True) == \
        EXPECTED["kassaflode_lopande_2020"]
    assert kr(k2021, "kassaflodesanalys", "okning_minskning_kortfristiga_fordringar") == -631
    assert kr(k2021, "kassaflodesanalys", "okning_minskning_kortfristiga_skulder") == 21_246
    assert kr(k2021, "kassaflodesanalys", "okning_minskning_kortfristiga_fordringar", previous=True) == 6_404
    assert kr(k2021, "kassaflodesanalys", "okning_minskning_kortfristiga_skulder", previous=True) == 291_889
    assert kr(k2021, "kassaflodesanalys", "likvida_medel_vid_arets_borjan") == EXPECTED["likvida_medel_ib_2021"]
    assert kr(k2021, "kassaflodesanalys", "likvida_medel_vid_arets_slut") == EXPECTED["likvida_medel_ub_2021"]
    assert kr(k2021, "kassaflodesanalys", "likvida_medel_vid_arets_borjan", previous=True) == \
        EXPECTED["likvida_medel_ib_2020"]


def test_kramfors_interimsskulder_note_per_projektagare_as_its_not_6(k2021):
    note = k2021.note("interimsskulder")
    assert note.total == EXPECTED["interimsskulder_2021"] * KR
    lines = {ln.label: ln.amount // KR for ln in note.lines}
    for label, amount in NOTE_6.items():
        assert lines[label] == amount
    assert lines["Övriga interimsskulder"] == NOTE_6_REST
    per_project = interimsskulder_per_projekt(k2021)
    assert per_project == {"StegSam": 492_163_00, "koordinator/Coach Samkraft": 321_953_00,
                           "StegSam+": 178_936_00}


def test_kramfors_notes_are_numbered_and_linked_to_their_rows(k2021):
    rr, br = k2021.resultatrakning, k2021.balansrakning
    intakter, kostnader = k2021.note("verksamhetens_intakter"), k2021.note("verksamhetens_kostnader")
    assert rr.row("verksamhetens_intakter").notes == (intakter.number,)
    assert rr.row("verksamhetens_kostnader").notes == (kostnader.number,)
    assert br.row("kortfristiga_skulder").notes == (k2021.note("kortfristiga_skulder").number,
                                                    k2021.note("interimsskulder").number)
    assert [n.number for n in k2021.noter] == list(range(1, len(k2021.noter) + 1))
    driftbidrag = [ln for ln in intakter.lines if ln.label.startswith("Driftbidrag")]
    assert sum(ln.amount for ln in driftbidrag) == 2_592_000 * KR
    assert driftbidrag[0].amount == 1_296_000 * KR  # staten: Försäkringskassan and Arbetsförmedlingen
    insatser = {ln.label: ln.amount for ln in kostnader.lines if ln.project_id}
    assert insatser == {"StegSam": -943_000_00, "koordinator/Coach Samkraft": -590_000_00,
                        "StegSam+": -330_000_00, "Psykiatridag": 0}


def test_kramfors_every_check_passes(k2021):
    failed = [c for c in k2021.kontroller if not c.ok]
    assert not failed, failed
    assert {"balansrakning_balanserar", "arets_resultat_rr_br", "kassaflode_likvida_medel", "konton_har_rad",
            "tkr_avrundning", "not_interimsskulder"} <= {c.check for c in k2021.kontroller}


def test_kramfors_key_figures(k2021):
    kf = k2021.nyckeltal
    assert kf.eget_kapital.andel_procent == 15.04
    assert kf.eget_kapital.inom_rekommendation is True
    assert [y.year_label for y in kf.femarsoversikt] == ["2021", "2020"]
    assert [round(y.soliditet_procent, 1) for y in kf.femarsoversikt] == [27.5, 36.9]  # as printed
    assert kf.femarsoversikt[0].verksamhetens_kostnader == -2_790_732 * KR
    assert kf.femarsoversikt[1].verksamhetens_kostnader == -2_551_435 * KR
    balanskrav = {k.id: k.amount for k in kf.balanskrav}
    assert balanskrav["balanskravsresultat"] == -198_735 * KR


def test_kramfors_budget_and_driftredovisning(k2021):
    rr = k2021.resultatrakning
    assert rr.row("verksamhetens_intakter").budget == 2_592_000 * KR
    assert rr.row("verksamhetens_kostnader").budget == -2_841_000 * KR
    assert rr.row("finansiella_kostnader").budget == -4_000 * KR
    assert rr.row("arets_resultat").budget == -253_000 * KR
    assert rr.row("verksamhetens_kostnader").budget_percent == 98.1
    total = k2021.driftredovisning.rows[-1]
    assert (total.budget, total.utfall, total.avvikelse) == (-253_000_00, -198_735_00, 54_265_00)


def test_kramfors_tkr_rounding_prints_the_same_figure_everywhere(k2021):
    t = in_tkr(k2021)
    assert t.unit == "tkr"
    assert t.resultatrakning.row("arets_resultat").amount == -199
    assert t.balansrakning.row("summa_tillgangar").amount == 1_417
    assert t.balansrakning.row("kassa_och_bank").amount == t.kassaflodesanalys.row("likvida_medel_vid_arets_slut").amount
    assert t.balansrakning.row("kassa_och_bank").previous == \
        t.kassaflodesanalys.row("likvida_medel_vid_arets_borjan").amount
    assert t.balansrakning.row("summa_eget_kapital").amount == 390
    note = t.note("interimsskulder")
    assert sum(ln.amount for ln in note.lines) == note.total == 1_040


def test_kramfors_half_year_report_and_same_period_last_year(kramfors):
    y = kramfors.year_by_label("2021")
    r = build_report(kramfors, y.id, "2021-01-01", "2021-06-30")
    assert (r.previous_period.fran, r.previous_period.till) == ("2020-01-01", "2020-06-30")
    assert all(c.ok for c in r.kontroller), [c for c in r.kontroller if not c.ok]
    assert r.kassaflodesanalys.row("likvida_medel_vid_arets_borjan").amount == 1_589_876 * KR
    # The second quarter alone: the equity at its start holds the first quarter's result.
    q2 = build_report(kramfors, y.id, "2021-04-01", "2021-06-30")
    assert all(c.ok for c in q2.kontroller), [c for c in q2.kontroller if not c.ok]
    q1 = build_report(kramfors, y.id, "2021-01-01", "2021-03-31")
    assert q2.balansrakning.row("ovrigt_eget_kapital").amount == \
        q1.balansrakning.row("summa_eget_kapital").amount


def test_kramfors_json_contract_has_every_row_id_in_ore(k2021):
    data = to_json(k2021)
    for sid, layout in LAYOUTS.items():
        assert set(data[sid]) == {rid for rid, *_ in layout}
        assert set(data["foregaende_ar"][sid]) == {rid for rid, *_ in layout}
        assert all(isinstance(v, int) for v in data[sid].values())
    assert data["period"] == {"fran": "2021-01-01", "till": "2021-12-31"}
    assert data["resultatrakning"]["arets_resultat"] == -198_735_00
    assert data["noter"]["interimsskulder_per_projekt"]["StegSam"] == 492_163_00
    assert all(set(c) == {"id", "ok", "meddelande"} for c in data["kontroller"])
    json.dumps(data)


def test_report_command_prints_json_and_a_swedish_table(kramfors, capsys):
    assert main(["report", str(kramfors.path), "--year", "2021", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["balansrakning"]["summa_tillgangar"] == 1_417_237_00
    assert main(["report", str(kramfors.path), "--year", "2021", "--tkr"]) == 0
    text = capsys.readouterr().out
    assert "RESULTATRÄKNING" in text and "Summa tillgångar" in text and "1 417" in text
    assert main(["report", str(kramfors.path), "--year", "2021", "--from", "2021-01-01",
                 "--to", "2022-03-01"]) == 2
    assert "ligger inte inom räkenskapsåret" in capsys.readouterr().err


# ---------------------------------------------------------------------------- rules
def _small_book(tmp_path, **kw) -> Book:
    b = Book.create(tmp_path / "b.finsam", namn="Testförbundet", orgnr=VALID_ORGNR,
                    year_start="2021-01-01", year_end="2021-12-31")
    b.set_opening_balances(b.years()[0].id, {1930: 500_000_00, 2010: -400_000_00, 2990: -100_000_00})
    b.book_voucher("2021-02-01", "Driftbidrag", [(1930, 1_000_000_00), (3010, -1_000_000_00)])
    b.book_voucher("2021-03-01", "Insats", [(4530, 700_000_00), (1930, -700_000_00)])
    return b


def test_result_already_booked_into_equity_is_detected(tmp_path):
    """A book imported from a program that closes the result into equity within the year."""
    b = _small_book(tmp_path)
    b.add_account(8999, "Årets resultat", "K", row_id=None)
    b.book_voucher("2021-12-31", "Årets resultat", [(8999, 300_000_00), (2010, -300_000_00)])
    r = build_report(b, b.years()[0].id)
    assert r.equity_convention == "i_eget_kapital"
    assert r.balansrakning.row("arets_resultat").amount == 300_000_00
    assert r.balansrakning.row("ovrigt_eget_kapital").amount == 400_000_00
    assert r.kassaflodesanalys.row("kassaflode_fran_finansieringsverksamheten").amount == 0
    assert r.ok, [c for c in r.kontroller if not c.ok]


def test_result_not_in_equity_is_added_by_the_balance_sheet(tmp_path):
    b = _small_book(tmp_path)
    r = build_report(b, b.years()[0].id)
    assert r.equity_convention == "separat"
    assert r.balansrakning.row("summa_eget_kapital").amount == 700_000_00
    assert r.ok


def test_account_without_a_row_fails_its_check(tmp_path):
    b = _small_book(tmp_path)
    b.add_account(1999, "Okänt konto", "T", row_id=None)
    b.book_voucher("2021-04-01", "Flytt", [(1999, 1_000_00), (1930, -1_000_00)])
    r = build_report(b, b.years()[0].id)
    assert not r.check("konton_har_rad").ok
    assert "1999" in r.check("konton_har_rad").message
    assert not r.check("balansrakning_balanserar").ok


def test_depreciation_and_investment_land_in_their_cash_flow_rows(tmp_path):
    b = _small_book(tmp_path)
    b.add_account(1220, "Inventarier", "T")
    b.add_account(6810, "Avskrivningar inventarier", "K")
    b.add_account(2350, "Banklån", "S")
    b.book_voucher("2021-05-01", "Köp av inventarier", [(1220, 60_000_00), (1930, -60_000_00)])
    b.book_voucher("2021-05-02", "Lån", [(1930, 50_000_00), (2350, -50_000_00)])
    b.book_voucher("2021-12-31", "Avskrivning", [(6810, 12_000_00), (1220, -12_000_00)])
    r = build_report(b, b.years()[0].id)
    k = r.kassaflodesanalys
    assert k.row("justering_for_ej_likviditetspaverkande_poster").amount == 12_000_00
    assert k.row("kassaflode_fran_investeringsverksamheten").amount == -60_000_00
    assert k.row("kassaflode_fran_finansieringsverksamheten").amount == 50_000_00
    assert r.resultatrakning.row("avskrivningar").amount == -12_000_00
    assert r.ok, [c for c in r.kontroller if not c.ok]


def test_texts_override_the_default_notes(tmp_path):
    b = _small_book(tmp_path)
    y = b.years()[0]
    b.set_year_text(y.id, "redovisningsprinciper", "Egna principer.")
    b.set_year_text(y.id, "ansvarsforbindelser", "Borgen för X.")
    b.set_year_text(y.id, "balanskrav_realisationsvinster", "-1 000")
    r = build_report(b, y.id)
    assert r.note("redovisningsprinciper").text == "Egna principer."
    assert r.note("ansvarsforbindelser").text == "Borgen för X."
    bk = {k.id: k.amount for k in r.nyckeltal.balanskrav}
    assert bk["balanskravsresultat"] == bk["arets_resultat"] - 1_000_00


def test_member_income_from_its_own_account_and_from_linked_counterparts(tmp_path):
    b = _small_book(tmp_path)
    fk = b.add_member("Försäkringskassan", "stat", 5000, account=3010)
    kommun = b.add_member("Sundsvalls kommun", "kommun", 5000)
    cp = b.add_counterpart("Sundsvalls kommun", member_id=kommun.id)
    b.book_voucher("2021-06-01", "Driftbidrag kommun",
                   [VoucherRow(1930, 250_000_00), VoucherRow(3030, -250_000_00, counterpart_id=cp.id)])
    r = build_report(b, b.years()[0].id)
    lines = {ln.label: ln.amount for ln in r.note("verksamhetens_intakter").lines}
    assert lines == {"Driftbidrag Försäkringskassan": 1_000_000_00, "Driftbidrag Sundsvalls kommun": 250_000_00}
    assert fk.account == 3010
    assert r.ok


def test_period_outside_the_year_is_refused(tmp_path):
    from finsam_desktop.errors import RuleError
    b = _small_book(tmp_path)
    with pytest.raises(RuleError, match="ligger inte inom räkenskapsåret"):
        build_report(b, b.years()[0].id, "2020-12-01", "2021-01-31")


def test_demo_book_report_passes_every_check(tmp_path):
    demo = pytest.importorskip("finsam_desktop.demo")
    book = demo.build_demo(tmp_path / "demo.finsam")
    try:
        for y in book.years():
            r = build_report(book, y.id)
            assert r.ok, [c for c in r.kontroller if not c.ok]
            t = in_tkr(r)
            assert t.balansrakning.row("summa_tillgangar").amount == \
                t.balansrakning.row("summa_eget_kapital_avsattningar_och_skulder").amount
    finally:
        book.close()


def test_balances_that_fit_neither_equity_convention_fail_a_check(tmp_path):
    b = _small_book(tmp_path)
    b.add_account(8999, "Årets resultat", "K", row_id=None)
    b.book_voucher("2021-12-31", "Halva resultatet", [(8999, 150_000_00), (2010, -150_000_00)])
    r = build_report(b, b.years()[0].id)
    assert r.equity_convention == "okand"
    assert not r.check("eget_kapital_konvention").ok
    assert not r.check("balansrakning_balanserar").ok


def test_tkr_rows_are_each_rounded_once_and_a_table_that_misses_its_total_says_so(tmp_path):
    from finsam_desktop.reports.rounding import FOOTNOTE, differences, tkr
    from finsam_desktop.render.text import render_text
    assert [tkr(v) for v in (40_000, 50_000, -50_000, 49_999, -150_000, None)] == [0, 1, -1, 0, -2, None]
    b = Book.create(tmp_path / "t.finsam", namn="Testförbundet", orgnr=VALID_ORGNR,
                    year_start="2021-01-01", year_end="2021-12-31")
    b.set_opening_balances(b.years()[0].id, {1930: 1_000_000_00, 2010: -1_000_000_00})
    for acc in (5010, 5410, 6110):
        b.book_voucher("2021-03-01", "Kostnad", [(acc, 400_00), (1930, -400_00)])
    exact = build_report(b, b.years()[0].id)
    r = in_tkr(exact)
    note = r.note("verksamhetens_kostnader")
    rows = [ln.amount for ln in note.lines if ln.kind == "row"]
    # Three rows of 0,4 tkr print 0 each; their sum 1,2 tkr prints −1: no row is nudged.
    assert rows == [0, 0, 0]
    assert note.total == r.resultatrakning.row("verksamhetens_kostnader").amount == -1
    assert "not_verksamhetens_kostnader" in differences(r)
    assert differences(exact) == set()
    assert r.check("tkr_avrundning").ok
    assert FOOTNOTE in render_text(r)
    assert FOOTNOTE not in render_text(exact)


def test_account_shared_by_two_members_is_split_by_motpart(tmp_path):
    b = _small_book(tmp_path)
    fk = b.add_member("Försäkringskassan", "stat", 2500, account=3010)
    af = b.add_member("Arbetsförmedlingen", "stat", 2500, account=3010)
    cp_fk = b.add_counterpart("Försäkringskassan", member_id=fk.id)
    cp_af = b.add_counterpart("Arbetsförmedlingen", member_id=af.id)
    b.book_voucher("2021-06-01", "Driftbidrag staten", [
        VoucherRow(1930, 300_000_00), VoucherRow(3010, -100_000_00, counterpart_id=cp_fk.id),
        VoucherRow(3010, -200_000_00, counterpart_id=cp_af.id)])
    r = build_report(b, b.years()[0].id)
    lines = {ln.label: ln.amount for ln in r.note("verksamhetens_intakter").lines}
    # Both are staten: one line; the 1 000 000 without motpart stays on its account.
    assert lines == {"Driftbidrag Staten (Försäkringskassan och Arbetsförmedlingen)": 300_000_00,
                     "3010 Driftbidrag Försäkringskassan": 1_000_000_00}
    assert r.ok


# ---------------------------------------------------------------------------- budget rows and texts
def test_budget_row_spanning_two_statement_rows_is_refused(tmp_path):
    """Nothing in a budget row says how to split it between finansiella intäkter and
    kostnader, so the book refuses it and names the row."""
    from finsam_desktop.errors import RuleError

    b = _small_book(tmp_path)
    y = b.years()[0]
    with pytest.raises(RuleError, match="”Bankkostnader och ränta”.*Finansiella intäkter och Finansiella "
                                        "kostnader"):
        b.add_budget_row(y.id, "Bankkostnader och ränta", 3_000_00, account_from=8400, account_to=8699,
                         section="finansiellt")
    assert b.budget(y.id) == []


def test_budget_row_that_came_to_span_two_rows_fails_a_check(tmp_path):
    """A budget row that was fine when added spans two rows after an account is added:
    the report says so instead of silently moving the budget."""
    b = _small_book(tmp_path)
    y = b.years()[0]
    b.add_budget_row(y.id, "Driftbidrag", -1_000_000_00, account_from=3000, account_to=3999, section="intakter")
    b.add_budget_row(y.id, "Finansiella poster", 2_000_00, account_from=8500, account_to=8699,
                     section="finansiellt")
    assert build_report(b, y.id).check("budgetrader_en_rad").ok
    b.add_account(8690, "Övriga finansiella intäkter", "I", row_id="finansiella_intakter")
    r = build_report(b, y.id)
    check = r.check("budgetrader_en_rad")
    assert not check.ok and "”Finansiella poster”" in check.message
    assert "Finansiella intäkter och Finansiella kostnader" in check.message
    # The cost budget stays on the cost row, as the sign of the budget row says.
    assert r.resultatrakning.row("finansiella_kostnader").budget == -2_000_00
    assert r.resultatrakning.row("finansiella_intakter").budget == 0


def test_budget_lands_on_the_row_of_its_accounts(tmp_path):
    """The demo budgets ränteintäkter (84xx) and bankkostnader (85xx–86xx) separately: each
    lands on its own row of the resultaträkning."""
    from finsam_desktop.demo import build_demo

    demo = build_demo(tmp_path / "demo.finsam")
    try:
        r = build_report(demo, demo.year_by_label("2025").id)
    finally:
        demo.close()
    rr = r.resultatrakning
    assert rr.row("finansiella_intakter").budget == 1_000_00
    assert rr.row("finansiella_kostnader").budget == -3_000_00
    assert rr.row("finansiella_intakter").budget_percent == 100.4
    assert r.check("budgetrader_en_rad").ok


def test_note_texts_embed_no_amounts_so_a_tkr_report_stays_in_tkr(k2021):
    """The eget kapital note used to say "(2 592 000 kr)", unchanged in a tkr report."""
    import re

    for report in (k2021, in_tkr(k2021)):
        for n in report.noter:
            assert not re.search(r"\d\s*(kr|tkr)\b", n.text), (n.id, n.text)
    assert "15,04 %" in in_tkr(k2021).note("eget_kapital").text


def test_terminal_report_leaves_out_empty_rows_and_prints_every_note(kramfors, capsys):
    assert main(["report", str(kramfors.path), "--year", "2021"]) == 0
    text = capsys.readouterr().out
    lines = text.splitlines()
    # Rows with nothing in either year are left out, as in the PDF.
    assert not any(ln.startswith(("Avskrivningar", "Skatteintäkter", "Förråd")) for ln in lines)
    row = next(ln for ln in lines if ln.startswith("Kortfristiga skulder"))
    assert "5, 6" in row and "&" not in row
    rr = next(ln for ln in lines if ln.startswith("Verksamhetens kostnader"))
    assert rr.rstrip().endswith("98,1 %")
    assert "Summa verksamhetens kostnader" in text
    assert "18 av 18 kontroller är uppfyllda." in text
