"""The report read as an auditor reads it: a delårsrapport compares its balansräkning with
last year's bokslut (RKR R17) and its budget with the whole year's; percentages and
group sums in tkr are the exact figures' own; arvoden to förtroendevalda are the
styrelse's cost. Figures checked by hand against the Kramfors fixture's saldobalans."""

from __future__ import annotations

import pytest

from finsam_desktop.cli import main
from finsam_desktop.reports import build_report, in_tkr
from finsam_desktop.render.json_out import to_json
from finsam_desktop.reports.engine import period_label
from finsam_desktop.reports.model import HEADING, ROW, SUM
from finsam_desktop.render.text import render_text
from kramfors import kramfors_book  # noqa: F401  (the fixture `kramfors`)

KR = 100


@pytest.fixture(scope="module")
def half(kramfors):
    return build_report(kramfors, kramfors.year_by_label("2021").id, "2021-01-01", "2021-06-30")


@pytest.fixture(scope="module")
def whole(kramfors):
    return build_report(kramfors, kramfors.year_by_label("2021").id)


# ------------------------------------------------------------------ delårsrapport, RKR R17
def test_interim_balance_sheet_compares_with_last_years_bokslutsdag(half):
    """Balansräkning per 2021-06-30 beside 2020-12-31 (Kramfors' printed 2020 column:
    bank 1 589 876, fordran moms 4 850, eget kapital 588 636), not beside 2020-06-30."""
    assert half.previous_balance_date == "2020-12-31"
    br = half.balansrakning
    assert br.row("kassa_och_bank").previous == 1_589_876 * KR
    assert br.row("fordringar").previous == 4_850 * KR
    assert br.row("summa_tillgangar").previous == 1_594_726 * KR
    assert br.row("arets_resultat").previous == 40_560 * KR      # 2020's whole result
    assert br.row("summa_eget_kapital").previous == 588_636 * KR
    assert br.row("kortfristiga_skulder").previous == 1_006_090 * KR
    assert all(c.ok for c in half.kontroller), [c for c in half.kontroller if not c.ok]
    assert half.check("balansrakning_balanserar_foregaende_bokslut").ok


def test_interim_income_statement_and_cash_flow_compare_with_the_same_period(kramfors, half):
    first_half_2020 = build_report(kramfors, kramfors.year_by_label("2020").id, "2020-01-01", "2020-06-30")
    assert (half.previous_period.fran, half.previous_period.till) == ("2020-01-01", "2020-06-30")
    assert half.resultatrakning.previous_amounts() == first_half_2020.resultatrakning.amounts()
    assert half.kassaflodesanalys.previous_amounts() == first_half_2020.kassaflodesanalys.amounts()
    # Likvida medel at the start of the period is the bokslut's kassa och bank.
    assert half.kassaflodesanalys.row("likvida_medel_vid_arets_borjan").amount == \
        half.balansrakning.row("kassa_och_bank").previous


def test_interim_balance_notes_compare_with_last_years_bokslutsdag(half):
    """Not 6 beside its 2020 figure 1 028 819 (the printed 2020 column), eget kapital
    IB 548 076 + 40 560 = 588 636 for 2020 beside the period's change."""
    inter = half.note("interimsskulder")
    assert inter.previous_total == 1_028_819 * KR
    lines = {ln.label: ln.previous for ln in inter.lines}
    assert lines["Kramfors kommun – StegSam"] == 650_000 * KR
    assert lines["Kramfors kommun – koordinator/Coach Samkraft"] == 330_000 * KR
    ek = {ln.label: (ln.amount, ln.previous) for ln in half.note("eget_kapital").lines}
    assert ek["Ingående eget kapital"] == (588_636 * KR, 548_076 * KR)
    assert ek["Periodens resultat"][1] == 40_560 * KR
    assert ek["Utgående eget kapital"][1] == 588_636 * KR
    fordringar = half.note("fordringar")
    assert fordringar.previous_total == 4_850 * KR


def test_interim_tkr_report_pins_the_bokslut_column_and_adds_up(half):
    t = in_tkr(half)
    assert half.check("tkr_avrundning").ok, half.check("tkr_avrundning").message
    br, kfa = t.balansrakning, t.kassaflodesanalys
    assert br.row("kassa_och_bank").previous == 1_590
    assert kfa.row("likvida_medel_vid_arets_borjan").amount == 1_590
    assert br.row("summa_tillgangar").previous == br.row("summa_eget_kapital_avsattningar_och_skulder").previous \
        == 1_595
    assert br.row("arets_resultat").previous == 41
    ek = {ln.label: ln.previous for ln in t.note("eget_kapital").lines}
    assert ek["Periodens resultat"] == 41 and ek["Utgående eget kapital"] == br.row("summa_eget_kapital").previous


def test_interim_report_says_periodens_resultat_and_periodens_kassaflode(half, whole):
    assert half.resultatrakning.row("arets_resultat").label == "Periodens resultat"
    assert half.balansrakning.row("arets_resultat").label == "Periodens resultat"
    k = half.kassaflodesanalys
    assert k.row("arets_kassaflode").label == "Periodens kassaflöde"
    assert k.row("likvida_medel_vid_arets_borjan").label == "Likvida medel vid periodens början"
    assert k.row("likvida_medel_vid_arets_slut").label == "Likvida medel vid periodens slut"
    assert half.nyckeltal.balanskrav[0].label == "Periodens resultat enligt resultaträkningen"
    assert whole.resultatrakning.row("arets_resultat").label == "Årets resultat"
    assert whole.kassaflodesanalys.row("arets_kassaflode").label == "Årets kassaflöde"


def test_interim_budget_is_the_whole_years_and_has_no_avvikelse(half):
    """Budget helår beside half a year's utfall: no avvikelse (it would call 1 296 000 kr
    of driftbidrag not yet due a deficit), the share of the year's budget instead."""
    rr = half.resultatrakning
    assert rr.row("verksamhetens_intakter").budget == 2_592_000 * KR
    assert rr.row("arets_resultat").budget == -253_000 * KR
    assert rr.row("verksamhetens_intakter").budget_percent == 50.0
    drift = {d.label: d for d in half.driftredovisning.rows}
    staten = drift["Driftbidrag från staten"]
    assert (staten.budget, staten.utfall, staten.avvikelse, staten.andel_procent) == \
        (1_296_000 * KR, 648_000 * KR, None, 50.0)
    assert drift["Resultat"].avvikelse is None
    assert all(d.avvikelse is None for d in half.driftredovisning.rows)
    data = to_json(in_tkr(half))
    assert all(r["avvikelse"] is None for r in data["nyckeltal"]["driftredovisning"])


def test_whole_year_driftredovisning_keeps_its_avvikelse_cost_under_budget_positive(whole):
    drift = {d.label: d for d in whole.driftredovisning.rows}
    samkraft = drift["Teamkoordinator/Coach Samkraft"]          # 590 000 used of 600 000
    assert (samkraft.budget, samkraft.utfall, samkraft.avvikelse) == (-600_000_00, -590_000_00, 10_000_00)
    assert drift["Resultat"].avvikelse == 54_265 * KR
    assert samkraft.andel_procent == 98.3


def test_five_year_overview_labels_a_part_of_a_year_as_its_period(half, whole):
    # A delårsrapport's overview compares with the same period last year (RKR R17).
    assert [y.year_label for y in half.nyckeltal.femarsoversikt] == ["jan–jun 2021", "jan–jun 2020"]
    assert half.nyckeltal.femarsoversikt[1].arets_resultat == half.resultatrakning.row("arets_resultat").previous
    assert [y.year_label for y in whole.nyckeltal.femarsoversikt] == ["2021", "2020"]


def test_period_label_names_whole_months_and_otherwise_the_dates():
    assert period_label("2025-01-01", "2025-12-31") == "2025"
    assert period_label("2025-01-01", "2025-06-30") == "jan–jun 2025"
    assert period_label("2025-04-01", "2025-04-30") == "apr 2025"
    assert period_label("2025-01-01", "2025-06-15") == "2025-01-01 – 2025-06-15"


# ------------------------------------------------------------------ tkr: the exact figures' own
def test_utfall_budget_percent_in_tkr_is_the_exact_figures(whole):
    """Finansiella kostnader 3 620 of 4 000 kr is 90,5 %; −4/−4 tkr would say 100 %."""
    t = in_tkr(whole)
    row = t.resultatrakning.row("finansiella_kostnader")
    assert (row.amount, row.budget) == (-4, -4)
    assert row.budget_percent == whole.resultatrakning.row("finansiella_kostnader").budget_percent == 90.5
    assert t.resultatrakning.row("verksamhetens_nettokostnader").budget_percent == 78.4


def test_note_group_sums_in_tkr_print_as_their_own_rounded_figure(whole):
    """Kansli och personal 749 917 kr prints 750 tkr, övriga kostnader 137 695 kr 138 tkr;
    the lines of each group add up to its sum and the groups to the row (2 787)."""
    note = in_tkr(whole).note("verksamhetens_kostnader")
    sums = {ln.label: ln.amount for ln in note.lines if ln.kind == SUM}
    assert sums["Summa insatser"] == -1_863
    assert sums["Summa kansli och personal"] == -750
    assert sums["Summa övriga kostnader"] == -138
    assert sum(ln.amount for ln in note.lines if ln.kind == ROW) == note.total == -2_787


# ------------------------------------------------------------------ note on kostnader
def test_board_fees_are_styrelse_even_when_the_budget_groups_them_with_personnel(whole):
    """Kramfors' budget row "Personalkostnader 5000–5999" holds 5050 Arvoden till
    förtroendevalda; the note still shows it under Styrelse."""
    note = whole.note("verksamhetens_kostnader")
    group = None
    where = {}
    for ln in note.lines:
        if ln.kind == HEADING:
            group = ln.label
        elif ln.kind == ROW:
            where[ln.label] = group
    assert where["5050 Arvoden till förtroendevalda"] == "Styrelse"
    assert where["5010 Löner tjänstemän och semesterlön"] == "Kansli och personal"
    sums = {ln.label: ln.amount for ln in note.lines if ln.kind == SUM}
    assert sums["Summa styrelse"] == -36_500 * KR
    assert sums["Summa kansli och personal"] == -(549_251 + 181_916 + 18_750) * KR


# ------------------------------------------------------------------ the terminal table
def test_interim_terminal_table_names_its_columns(kramfors, half, capsys):
    text = render_text(half)
    assert "jan–jun 2021" in text and "jan–jun 2020" in text and "Föreg. perio" not in text
    assert "2021-06-30" in text and "2020-12-31" in text
    assert "Budget helår" in text
    assert main(["report", str(kramfors.path), "--year", "2021", "--from", "2021-01-01",
                 "--to", "2021-06-30"]) == 0
    out = capsys.readouterr().out
    assert "Balansräkningen jämförs med föregående års bokslut per 2020-12-31." in out
    assert "Avvikelse" not in out.split("DRIFTREDOVISNING")[1].split("NOTER")[0]


def test_interim_json_names_the_balance_sheets_comparison_date(half, whole):
    prev = to_json(half)["foregaende_ar"]
    assert prev["period"] == {"fran": "2020-01-01", "till": "2020-06-30"}
    assert prev["balansdag"] == "2020-12-31"
    assert prev["balansrakning"]["kassa_och_bank"] == 1_589_876 * KR
    assert to_json(whole)["foregaende_ar"]["balansdag"] == "2020-12-31"


def test_interim_principles_say_delarsrapport_and_r17(half, whole):
    text = half.note("redovisningsprinciper").text
    assert text.startswith("Delårsrapporten är upprättad") and "R17" in text
    assert "balansräkningen med föregående års bokslut" in text
    assert whole.note("redovisningsprinciper").text.startswith("Årsredovisningen är upprättad")


def test_interim_equity_share_is_not_judged_against_the_year_end_recommendation(half, whole):
    """Mid-year the equity still holds driftbidrag whose costs are to come: the note
    states the share and that the 20 % concerns the year end, without a verdict."""
    text = half.note("eget_kapital").text
    assert "avser eget kapital vid årets slut" in text
    assert " inom " not in text and " över " not in text
    assert "inom Nationella rådets rekommendation" in whole.note("eget_kapital").text
