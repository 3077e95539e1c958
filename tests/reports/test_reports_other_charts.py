"""The reports engine on books of other förbund with other charts of accounts.

Two books built through the public Book API in the spirit of real annual reports (the
figures are invented but consistent; every expected figure below is computed by hand
from the verifikationer, not read back from the engine):

* Örnsköldsvik 2019–2020, Kommun-BAS chart as a municipality's system keeps it: bank on
  1930, momsfordran on 1650, eget kapital on 2080/2090, interimsskulder on 2990 and 2999
  with insatser and förutbetalda intäkter on 2970, driftbidrag on one account 3010 split
  by motpart per member, grants on 4540/4590, personal on 5000–5999, inventarier with
  ackumulerade avskrivningar and 6810 avskrivningar, an avsättning for pensions, a
  långfristig skuld and a kortfristig placering. Our own convention: the year's result is
  not booked into equity within the year. The interimsskulder at the end of 2020 are
  Örnsköldsvik's not 8 (Plattform U 200 000, Processtöd psykisk hälsa 226 140, Trygga
  föräldrar – Älskade barn 162 166).
* Degerfors-Karlskoga 2020–2021, company BAS chart (as an imported SIE file with
  #KPTYP BAS2008 brings it): bank on 1920, equity on 2091/2099, personal on 7000–7699,
  7832 avskrivningar, 8310/8410 financial rows, and the year's result booked into equity
  within the year (8999 against 2099), as imported books often have. Five members, two
  kommuner.
"""

from __future__ import annotations

import json

import pytest

from conftest import VALID_ORGNR
from finsam_desktop.book import Book, VoucherRow
from finsam_desktop.cli import main
from finsam_desktop.reports import build_report, in_tkr, interimsskulder_per_projekt
from finsam_desktop.render.json_out import to_json
from finsam_desktop.reports.layout import LAYOUTS
from other_charts import build_degerfors_karlskoga, build_ornskoldsvik

KR = 100


def _rows(d: dict) -> dict:
    return {k: v * KR for k, v in d.items()}


def _assert_statement(report, sid: str, expected: dict, previous: bool = False) -> None:
    """Every row of the statement (all ids, zeros included) equals the hand figure."""
    st = getattr(report, sid)
    got = st.previous_amounts() if previous else st.amounts()
    want = {rid: expected.get(rid, 0) * KR for rid, *_ in LAYOUTS[sid]}
    assert got == want


def _note_lines(note) -> dict:
    return {ln.label: (ln.amount, ln.previous) for ln in note.lines}


# ============================================================================ Örnsköldsvik
O_RR = {
    2020: {"verksamhetens_intakter": 2_825_000, "verksamhetens_kostnader": -2_663_306, "avskrivningar": -46_000,
           "verksamhetens_nettokostnader": 115_694, "verksamhetens_resultat": 115_694,
           "finansiella_intakter": 3_500, "finansiella_kostnader": -6_000,
           "resultat_efter_finansiella_poster": 113_194, "arets_resultat": 113_194},
    2019: {"verksamhetens_intakter": 2_840_000, "verksamhetens_kostnader": -2_750_000, "avskrivningar": -30_000,
           "verksamhetens_nettokostnader": 60_000, "verksamhetens_resultat": 60_000,
           "finansiella_intakter": 2_000, "finansiella_kostnader": -8_000,
           "resultat_efter_finansiella_poster": 54_000, "arets_resultat": 54_000},
}
O_BR = {
    2020: {"materiella_anlaggningstillgangar": 124_000, "summa_anlaggningstillgangar": 124_000,
           "fordringar": 19_500, "kortfristiga_placeringar": 300_000, "kassa_och_bank": 1_984_500,
           "summa_omsattningstillgangar": 2_304_000, "summa_tillgangar": 2_428_000,
           "arets_resultat": 113_194, "ovrigt_eget_kapital": 1_234_000, "summa_eget_kapital": 1_347_194,
           "avsattningar": 90_000, "langfristiga_skulder": 100_000, "kortfristiga_skulder": 890_806,
           "summa_eget_kapital_avsattningar_och_skulder": 2_428_000},
    2019: {"materiella_anlaggningstillgangar": 90_000, "summa_anlaggningstillgangar": 90_000,
           "fordringar": 15_000, "kassa_och_bank": 1_959_000,
           "summa_omsattningstillgangar": 1_974_000, "summa_tillgangar": 2_064_000,
           "arets_resultat": 54_000, "ovrigt_eget_kapital": 1_180_000, "summa_eget_kapital": 1_234_000,
           "avsattningar": 120_000, "langfristiga_skulder": 150_000, "kortfristiga_skulder": 560_000,
           "summa_eget_kapital_avsattningar_och_skulder": 2_064_000},
}
O_KFA = {
    # 2020: avskrivningar 46 000 less 30 000 paid out of the avsättning; investments 80 000
    # inventarier and 300 000 placering; 50 000 amortering.
    2020: {"arets_resultat": 113_194, "justering_for_ej_likviditetspaverkande_poster": 16_000,
           "medel_fran_verksamheten_fore_forandring_av_rorelsekapital": 129_194,
           "okning_minskning_kortfristiga_fordringar": -4_500, "okning_minskning_kortfristiga_skulder": 330_806,
           "kassaflode_fran_den_lopande_verksamheten": 455_500, "kassaflode_fran_investeringsverksamheten": -380_000,
           "kassaflode_fran_finansieringsverksamheten": -50_000, "arets_kassaflode": 25_500,
           "likvida_medel_vid_arets_borjan": 1_959_000, "likvida_medel_vid_arets_slut": 1_984_500},
    2019: {"arets_resultat": 54_000, "justering_for_ej_likviditetspaverkande_poster": 50_000,
           "medel_fran_verksamheten_fore_forandring_av_rorelsekapital": 104_000,
           "okning_minskning_kortfristiga_fordringar": 5_000, "okning_minskning_kortfristiga_skulder": 120_000,
           "kassaflode_fran_den_lopande_verksamheten": 229_000,
           "kassaflode_fran_finansieringsverksamheten": -50_000, "arets_kassaflode": 179_000,
           "likvida_medel_vid_arets_borjan": 1_780_000, "likvida_medel_vid_arets_slut": 1_959_000},
}


@pytest.fixture(scope="module")
def ovik(tmp_path_factory):
    book = build_ornskoldsvik(tmp_path_factory.mktemp("ovik") / "ovik.finsam")
    yield book
    book.close()


@pytest.fixture(scope="module")
def o2020(ovik):
    return build_report(ovik, ovik.year_by_label("2020").id)


def test_kommun_bas_chart_every_statement_row_matches_hand_figures(o2020):
    for sid, table in (("resultatrakning", O_RR), ("balansrakning", O_BR), ("kassaflodesanalys", O_KFA)):
        _assert_statement(o2020, sid, table[2020])
        _assert_statement(o2020, sid, table[2019], previous=True)
    assert o2020.equity_convention == "separat"


def test_kommun_bas_chart_every_check_passes(o2020):
    failed = [c for c in o2020.kontroller if not c.ok]
    assert not failed, failed
    assert {"not_verksamhetens_intakter", "not_verksamhetens_kostnader", "not_fordringar",
            "not_kortfristiga_skulder", "not_interimsskulder", "not_eget_kapital",
            "tkr_avrundning"} <= {c.check for c in o2020.kontroller}


def test_driftbidrag_on_one_account_is_split_per_member_by_motpart(o2020):
    assert _note_lines(o2020.note("verksamhetens_intakter")) == {
        "Driftbidrag Staten (Försäkringskassan och Arbetsförmedlingen)": (1_400_000_00, 1_400_000_00),
        "Driftbidrag Region Västernorrland": (700_000_00, 700_000_00),
        "Driftbidrag Örnsköldsviks kommun": (700_000_00, 700_000_00),
        "3590 Övriga intäkter": (25_000_00, 40_000_00)}


def test_grants_on_4540_and_4590_are_costs_per_insats(o2020):
    lines = _note_lines(o2020.note("verksamhetens_kostnader"))
    assert lines["Plattform U"] == (-530_000_00, -610_000_00)
    assert lines["Processtöd psykisk hälsa"] == (-716_140_00, -660_000_00)
    assert lines["Trygga föräldrar – Älskade barn"] == (-312_166_00, -400_000_00)
    assert lines["Summa insatser"] == (-1_558_306_00, -1_670_000_00)
    assert lines["5070 Arvoden till förtroendevalda"] == (-55_000_00, -60_000_00)
    assert lines["Summa kansli och personal"] == (-945_000_00, -940_000_00)
    assert lines["Summa övriga kostnader"] == (-105_000_00, -80_000_00)


def test_interimsskulder_on_2990_and_2999_per_projektagare_as_ornskoldsviks_not_8(o2020):
    note = o2020.note("interimsskulder")
    assert _note_lines(note) == {
        "Örnsköldsviks kommun – Plattform U": (200_000_00, 190_000_00),
        "Region Västernorrland – Processtöd psykisk hälsa": (226_140_00, 210_000_00),
        "Örnsköldsviks kommun – Trygga föräldrar – Älskade barn": (162_166_00, 100_000_00),
        "Övriga interimsskulder": (15_000_00, 0)}
    assert (note.total, note.previous_total) == (603_306_00, 500_000_00)
    assert interimsskulder_per_projekt(o2020) == {
        "Plattform U": 200_000_00, "Processtöd psykisk hälsa": 226_140_00,
        "Trygga föräldrar – Älskade barn": 162_166_00}


def test_balance_notes_per_account(o2020):
    assert _note_lines(o2020.note("fordringar")) == {
        "1650 Momsfordran": (7_500_00, 15_000_00), "1790 Förutbetalda kostnader": (12_000_00, 0)}
    assert _note_lines(o2020.note("kortfristiga_skulder")) == {
        "2440 Leverantörsskulder": (112_500_00, 60_000_00), "2970 Förutbetalda intäkter": (175_000_00, 0),
        "2990 Upplupna kostnader": (441_140_00, 400_000_00), "2999 Övriga interimsskulder": (162_166_00, 100_000_00)}
    assert _note_lines(o2020.note("eget_kapital")) == {
        "Ingående eget kapital": (1_234_000_00, 1_180_000_00), "Årets resultat": (113_194_00, 54_000_00),
        "Utgående eget kapital": (1_347_194_00, 1_234_000_00)}


def test_kommun_bas_key_figures(o2020):
    kf = o2020.nyckeltal
    assert (kf.eget_kapital.eget_kapital, kf.eget_kapital.tilldelade_medel) == (1_347_194_00, 2_800_000_00)
    assert kf.eget_kapital.andel_procent == 48.11 and kf.eget_kapital.inom_rekommendation is False
    y20, y19 = kf.femarsoversikt
    assert (y20.year_label, y20.verksamhetens_intakter, y20.verksamhetens_kostnader, y20.arets_resultat,
            y20.eget_kapital, y20.andel_procent, y20.soliditet_procent, y20.likvida_medel) == \
        ("2020", 2_825_000_00, -2_715_306_00, 113_194_00, 1_347_194_00, 48.11, 55.49, 1_984_500_00)
    assert (y19.year_label, y19.verksamhetens_kostnader, y19.eget_kapital, y19.andel_procent,
            y19.soliditet_procent, y19.likvida_medel) == \
        ("2019", -2_788_000_00, 1_234_000_00, 44.07, 59.79, 1_959_000_00)
    assert {k.id: k.amount for k in kf.balanskrav}["balanskravsresultat"] == 113_194_00


def test_first_year_compares_its_balance_sheet_with_the_opening_balances_and_has_every_row_id(ovik):
    r = build_report(ovik, ovik.year_by_label("2019").id)
    data = to_json(r)
    prev = data["foregaende_ar"]
    # 2019 is the book's first year: its comparison is the 2019 ingående balanser (the
    # 2018 closing), by hand: inventarier 150 000 less 30 000, momsfordran 20 000, bank
    # 1 780 000; eget kapital 1 000 000 + 180 000, pensions 100 000, lån 200 000,
    # leverantörsskulder 60 000 and interimsskulder 180 000 + 200 000.
    assert (prev["period"], prev["balansdag"], prev["kalla"]) == (None, "2018-12-31", "ingaende_balanser")
    assert prev["balansrakning"] == {rid: ({"materiella_anlaggningstillgangar": 120_000_00,
                                            "summa_anlaggningstillgangar": 120_000_00,
                                            "fordringar": 20_000_00, "kassa_och_bank": 1_780_000_00,
                                            "summa_omsattningstillgangar": 1_800_000_00,
                                            "summa_tillgangar": 1_920_000_00, "arets_resultat": None,
                                            "ovrigt_eget_kapital": 1_180_000_00,
                                            "summa_eget_kapital": 1_180_000_00, "avsattningar": 100_000_00,
                                            "langfristiga_skulder": 200_000_00,
                                            "kortfristiga_skulder": 440_000_00,
                                            "summa_eget_kapital_avsattningar_och_skulder": 1_920_000_00}
                                           .get(rid, 0)) for rid, *_ in LAYOUTS["balansrakning"]}
    # The flows of 2018 are not in the book: no figure, not zeros.
    assert set(prev["resultatrakning"].values()) == set(prev["kassaflodesanalys"].values()) == {None}
    assert data["nyckeltal"]["balanskravsresultat_foregaende_ar"] is None
    assert data["noter"]["interimsskulder"]["foregaende_summa"] == 380_000_00
    assert [x["foregaende"] for x in data["noter"]["interimsskulder"]["rader"]] == [180_000_00, 200_000_00, 0]
    assert [x["foregaende"] for x in data["noter"]["kortfristiga_skulder"]["rader"]] == [60_000_00, 380_000_00, 0]
    # Eget kapital: only the closing figure of 2018 is known.
    assert [x["foregaende"] for x in data["noter"]["eget_kapital"]["rader"]] == [None, None, 1_180_000_00]
    assert data["noter"]["verksamhetens_intakter"]["foregaende_summa"] is None
    assert r.check("balansrakning_balanserar_foregaende_bokslut").ok
    for sid, layout in LAYOUTS.items():
        assert list(data[sid]) == [rid for rid, *_ in layout]
        assert all(type(v) is int for v in data[sid].values())
    assert data["resultatrakning"]["arets_resultat"] == 54_000_00
    assert data["balansrakning"]["forrad"] == 0
    assert r.ok, [c for c in r.kontroller if not c.ok]


def test_kommun_bas_json_from_the_command_line(ovik, capsys):
    assert main(["report", str(ovik.path), "--year", "2020", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    for sid, layout in LAYOUTS.items():
        assert set(data[sid]) == set(data["foregaende_ar"][sid]) == {rid for rid, *_ in layout}
        assert all(type(v) is int for v in list(data[sid].values()) + list(data["foregaende_ar"][sid].values()))
    assert data["kassaflodesanalys"]["kassaflode_fran_investeringsverksamheten"] == -380_000_00
    assert data["noter"]["interimsskulder_per_projekt"]["Trygga föräldrar – Älskade barn"] == 162_166_00
    assert all(list(c) == ["id", "ok", "meddelande"] and c["ok"] is True for c in data["kontroller"])


def test_kommun_bas_tkr_figures_are_each_rounded_once_and_a_missing_sum_gets_a_footnote(o2020):
    from finsam_desktop.reports.rounding import differences
    assert o2020.check("tkr_avrundning").ok
    t = in_tkr(o2020)
    br = t.balansrakning.amounts()
    # 19,5 and 1 984,5 tkr both round up (half away from zero); neither is nudged down to
    # make the column add up, so the balansräkning carries the rounding footnote.
    assert (br["fordringar"], br["kassa_och_bank"]) == (20, 1_985)
    assert br["kassa_och_bank"] == t.kassaflodesanalys.row("likvida_medel_vid_arets_slut").amount
    assert br["summa_tillgangar"] == br["summa_eget_kapital_avsattningar_och_skulder"] == 2_428
    assert br["materiella_anlaggningstillgangar"] + br["fordringar"] + br["kortfristiga_placeringar"] + \
        br["kassa_och_bank"] != br["summa_tillgangar"]
    assert "balansrakning" in differences(t)
    note = t.note("interimsskulder")
    assert note.total == 603


# ============================================================================ Degerfors-Karlskoga
D_RR = {
    2021: {"verksamhetens_intakter": 3_240_000, "verksamhetens_kostnader": -3_286_000, "avskrivningar": -12_000,
           "verksamhetens_nettokostnader": -58_000, "verksamhetens_resultat": -58_000,
           "finansiella_intakter": 800, "finansiella_kostnader": -1_200,
           "resultat_efter_finansiella_poster": -58_400, "arets_resultat": -58_400},
    2020: {"verksamhetens_intakter": 3_200_000, "verksamhetens_kostnader": -3_135_000, "avskrivningar": -12_000,
           "verksamhetens_nettokostnader": 53_000, "verksamhetens_resultat": 53_000,
           "finansiella_intakter": 1_000, "finansiella_kostnader": -500,
           "resultat_efter_finansiella_poster": 53_500, "arets_resultat": 53_500},
}
D_BR = {
    2021: {"materiella_anlaggningstillgangar": 24_000, "summa_anlaggningstillgangar": 24_000,
           "fordringar": 42_500, "kassa_och_bank": 1_031_600, "summa_omsattningstillgangar": 1_074_100,
           "summa_tillgangar": 1_098_100, "arets_resultat": -58_400, "ovrigt_eget_kapital": 781_500,
           "summa_eget_kapital": 723_100, "kortfristiga_skulder": 375_000,
           "summa_eget_kapital_avsattningar_och_skulder": 1_098_100},
    2020: {"materiella_anlaggningstillgangar": 36_000, "summa_anlaggningstillgangar": 36_000,
           "fordringar": 5_000, "kassa_och_bank": 1_055_500, "summa_omsattningstillgangar": 1_060_500,
           "summa_tillgangar": 1_096_500, "arets_resultat": 53_500, "ovrigt_eget_kapital": 728_000,
           "summa_eget_kapital": 781_500, "kortfristiga_skulder": 315_000,
           "summa_eget_kapital_avsattningar_och_skulder": 1_096_500},
}
D_KFA = {
    2021: {"arets_resultat": -58_400, "justering_for_ej_likviditetspaverkande_poster": 12_000,
           "medel_fran_verksamheten_fore_forandring_av_rorelsekapital": -46_400,
           "okning_minskning_kortfristiga_fordringar": -37_500, "okning_minskning_kortfristiga_skulder": 60_000,
           "kassaflode_fran_den_lopande_verksamheten": -23_900, "arets_kassaflode": -23_900,
           "likvida_medel_vid_arets_borjan": 1_055_500, "likvida_medel_vid_arets_slut": 1_031_600},
    2020: {"arets_resultat": 53_500, "justering_for_ej_likviditetspaverkande_poster": 12_000,
           "medel_fran_verksamheten_fore_forandring_av_rorelsekapital": 65_500,
           "okning_minskning_kortfristiga_fordringar": -5_000, "okning_minskning_kortfristiga_skulder": 95_000,
           "kassaflode_fran_den_lopande_verksamheten": 155_500, "arets_kassaflode": 155_500,
           "likvida_medel_vid_arets_borjan": 900_000, "likvida_medel_vid_arets_slut": 1_055_500},
}


@pytest.fixture(scope="module")
def dk(tmp_path_factory):
    book = build_degerfors_karlskoga(tmp_path_factory.mktemp("dk") / "dk.finsam")
    yield book
    book.close()


@pytest.fixture(scope="module")
def d2021(dk):
    return build_report(dk, dk.year_by_label("2021").id)


def test_company_bas_accounts_land_on_their_rows(dk):
    rows = {a.number: a.row_id for a in dk.accounts()}
    assert (rows[1920], rows[2099], rows[7010], rows[7832], rows[8310], rows[8410], rows[8999]) == \
        ("kassa_och_bank", "ovrigt_eget_kapital", "verksamhetens_kostnader", "avskrivningar",
         "finansiella_intakter", "finansiella_kostnader", None)


def test_result_inside_equity_every_statement_row_matches_hand_figures(d2021):
    assert d2021.equity_convention == "i_eget_kapital"
    for sid, table in (("resultatrakning", D_RR), ("balansrakning", D_BR), ("kassaflodesanalys", D_KFA)):
        _assert_statement(d2021, sid, table[2021])
        _assert_statement(d2021, sid, table[2020], previous=True)


def test_result_inside_equity_every_check_passes(d2021):
    failed = [c for c in d2021.kontroller if not c.ok]
    assert not failed, failed


def test_result_inside_equity_notes(d2021):
    assert _note_lines(d2021.note("verksamhetens_intakter")) == {
        "Driftbidrag Staten (Försäkringskassan och Arbetsförmedlingen)": (1_600_000_00, 1_600_000_00),
        "Driftbidrag Region Örebro län": (800_000_00, 800_000_00),
        "Driftbidrag Degerfors kommun": (200_000_00, 200_000_00),
        "Driftbidrag Karlskoga kommun": (600_000_00, 600_000_00),
        "3590 Övriga intäkter": (40_000_00, 0)}
    costs = _note_lines(d2021.note("verksamhetens_kostnader"))
    assert costs["Finsam Unga"] == (-1_230_000_00, -1_130_000_00)
    assert costs["Hälsofrämjande insatser"] == (-785_000_00, -770_000_00)
    assert costs["7240 Styrelsearvoden"] == (-48_000_00, -50_000_00)
    assert costs["Summa kansli och personal"] == (-1_068_000_00, -1_055_000_00)
    assert costs["Summa övriga kostnader"] == (-155_000_00, -130_000_00)
    assert _note_lines(d2021.note("interimsskulder")) == {
        "Karlskoga kommun – Finsam Unga": (210_000_00, 180_000_00),
        "Region Örebro län – Hälsofrämjande insatser": (95_000_00, 70_000_00)}
    assert _note_lines(d2021.note("eget_kapital")) == {
        "Ingående eget kapital": (781_500_00, 728_000_00), "Årets resultat": (-58_400_00, 53_500_00),
        "Utgående eget kapital": (723_100_00, 781_500_00)}
    assert _note_lines(d2021.note("fordringar")) == {
        "1510 Kundfordringar": (40_000_00, 0), "1650 Momsfordran": (2_500_00, 5_000_00)}


def test_result_inside_equity_key_figures(d2021):
    kf = d2021.nyckeltal
    assert kf.eget_kapital.andel_procent == 22.6 and kf.eget_kapital.inom_rekommendation is False
    y21, y20 = kf.femarsoversikt
    assert (y21.verksamhetens_kostnader, y21.soliditet_procent, y21.likvida_medel) == \
        (-3_299_200_00, 65.85, 1_031_600_00)
    assert (y20.verksamhetens_kostnader, y20.eget_kapital, y20.andel_procent, y20.soliditet_procent) == \
        (-3_147_500_00, 781_500_00, 24.42, 71.27)
    assert {k.id: k.amount for k in kf.balanskrav}["balanskravsresultat"] == -58_400_00


def test_result_inside_equity_half_year_compares_with_last_bokslut(dk):
    r = build_report(dk, dk.year_by_label("2021").id, "2021-01-01", "2021-06-30")
    assert r.ok, [c for c in r.kontroller if not c.ok]
    assert r.balansrakning.previous_amounts() == {rid: D_BR[2020].get(rid, 0) * KR
                                                  for rid, *_ in LAYOUTS["balansrakning"]}


def test_interimsskulder_per_projekt_keeps_a_dash_in_the_name_of_an_insats_without_owner(tmp_path):
    book = Book.create(tmp_path / "b.finsam", namn="Testförbundet", orgnr=VALID_ORGNR,
                       year_start="2021-01-01", year_end="2021-12-31")
    trygga = book.add_project("T", "Trygga föräldrar – Älskade barn")
    book.book_voucher("2021-02-01", "Driftbidrag", [(1930, 500_000_00), (3010, -500_000_00)])
    book.book_voucher("2021-12-31", "Upplupen kostnad", [VoucherRow(4530, 162_166_00, trygga.id),
                                                          VoucherRow(2990, -162_166_00, trygga.id)])
    r = build_report(book, book.years()[0].id)
    assert interimsskulder_per_projekt(r) == {"Trygga föräldrar – Älskade barn": 162_166_00}
    assert to_json(in_tkr(r))["noter"]["interimsskulder_per_projekt"] == {"Trygga föräldrar – Älskade barn": 162}
    book.close()
