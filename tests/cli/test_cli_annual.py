"""finsam sus, verksamhet, mal and tidigare-ar on the demo book."""

from __future__ import annotations

import json

import openpyxl
import pytest

from finsam_desktop.demo import build_demo
from finsam_desktop.reports import build_report
from tests.conftest import run_cli


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("sus") / "demo.finsam"
    build_demo(path).close()
    return path


def test_sus_totals_equal_the_resultatrakning(demo_path, capsys, tmp_path):
    xlsx = tmp_path / "sus.xlsx"
    code, out, err = run_cli(capsys, "sus", demo_path, "--year", "2025", "--json", "-o", xlsx)
    assert code == 0, err
    data = json.loads(out)
    from finsam_desktop.book import Book
    with Book.open(demo_path, read_only=True) as b:
        rr = build_report(b, b.year_by_label("2025").id).resultatrakning.amounts()
    assert data["summa_finansiering"] == rr["verksamhetens_intakter"] + rr["finansiella_intakter"] == 2_593_004_00
    assert data["summa_insatser"] + data["summa_administration"] == -rr["verksamhetens_kostnader"]
    assert (data["summa_finansiering"] - data["summa_insatser"] - data["summa_administration"]
            - data["finansiella_kostnader"]) == rr["arets_resultat"] == -247_382_00
    assert [f["belopp"] for f in data["finansiering"][:4]] == [648_000_00] * 4
    steg = next(i for i in data["insatser"] if i["kod"] == "STEG")
    assert (steg["budget"], steg["insatskostnad"], steg["ovrigt"]) == (870_000_00, 857_431_00, 0)
    assert all(c["ok"] for c in data["kontroller"])
    ws = openpyxl.load_workbook(xlsx).active
    cells = {r[0]: r[1:] for r in ws.iter_rows(values_only=True) if r and r[0]}
    assert cells["Summa finansiering"][0] == 2_593_004.0
    assert cells["Summa insatser"][3] == data["summa_insatser"] / 100


def test_verksamhet_import_and_list(demo_path, capsys, tmp_path):
    csv = tmp_path / "sus.csv"
    csv.write_text("insats;år;kvinnor;män;till_arbete\nPSYK;2025;40;25;0\n", encoding="utf-8")
    code, out, err = run_cli(capsys, "verksamhet", demo_path, "--year", "2025", "--import", csv)
    assert code == 0, err
    assert "Läste in 1 rader" in out
    line = next(l for l in out.splitlines() if l.strip().startswith("PSYK"))
    assert line.split()[-1] == "422" and " 65 " in line          # 27 455 kr / 65 deltagare = 422 kr
    bad = tmp_path / "bad.csv"
    bad.write_text("insats;år;kvinnor;män\nNOPE;2025;1;1\n", encoding="utf-8")
    code, _out, err = run_cli(capsys, "verksamhet", demo_path, "--import", bad)
    assert code == 2 and "bad.csv rad 2: insatsen 'NOPE' finns inte" in err


def test_goals_and_earlier_years(demo_path, capsys):
    code, out, _err = run_cli(capsys, "mal", demo_path, "--year", "2025")
    assert code == 0 and "[Uppfyllt – beräknad] Eget kapital ska inte överstiga 20 %" in out
    code, _out, err = run_cli(capsys, "tidigare-ar", demo_path, "--set", "2024", "--tilldelade", "1",
                              "--intakter", "1", "--kostnader", "1", "--resultat", "0", "--eget-kapital", "0",
                              "--tillgangar", "1", "--likvida", "1")
    assert code == 2 and "2024 finns redan i boken" in err
    code, out, _err = run_cli(capsys, "tidigare-ar", demo_path)
    assert code == 0 and out.startswith("2021: tilldelade 2 592 000 kr")


def test_a_goal_added_with_a_metric_is_judged_from_the_figures(demo_path, capsys):
    code, out, err = run_cli(capsys, "mal", demo_path, "--year", "2025", "--add", "Eget kapital minst 400 tkr",
                             "--typ", "finansiell", "--matt", "eget_kapital_golv", "--malvarde", "400 000",
                             "--bedomning-styrelsen", "Målen är i huvudsak uppfyllda.")
    assert code == 0, err
    assert "[Ej uppfyllt – beräknad] Eget kapital minst 400 tkr" in out
    assert "Målvärde: minst 400 000 kr" in out and "Utfall: 389 900 kr" in out
    assert "Styrelsens samlade bedömning: Målen är i huvudsak uppfyllda." in out
    code, _out, err = run_cli(capsys, "mal", demo_path, "--add", "X", "--matt", "individ_andel_min")
    assert code == 2 and "behöver ett målvärde" in err


def test_organisation_register_per_year(demo_path, capsys):
    code, out, _err = run_cli(capsys, "organisation", demo_path, "--year", "2025")
    assert code == 0 and "Ledamot      Anna Sjöberg" in out and out.rstrip().endswith("Förbundschef")
    code, out, err = run_cli(capsys, "organisation", demo_path, "--year", "2025",
                             "--person", "Ny Ordförande;ledamot;Ordförande;Kramfors kommun",
                             "--person", "Per Revisor;revisor;;Region Västernorrland")
    assert code == 0, err
    assert out.splitlines() == [
        "Ledamot      Ny Ordförande               Ordförande                Kramfors kommun",
        "Revisor      Per Revisor                                           Region Västernorrland"]
    code, _out, err = run_cli(capsys, "organisation", demo_path, "--person", "A;ledamot;;Okänd kommun")
    assert code == 2 and "medlemmen ”Okänd kommun” finns inte" in err
    code, _out, err = run_cli(capsys, "organisation", demo_path, "--year", "2024", "--person", "A;ledamot;;")
    assert code == 2 and "stängt" in err
