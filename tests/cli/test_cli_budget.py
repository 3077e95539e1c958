"""finsam budget / budget-report / plan on the demo book: the printed and JSON figures,
changing a row as a person writes amounts, refusals that change nothing, and the PDFs
(the board report at 2025-09-30, the plan for 2025 and, after opening 2026 from the
plan, for 2026)."""

from __future__ import annotations

import json

import pytest

from conftest import refused, run_cli
from finsam_desktop.book import Book
from finsam_desktop.ops.budget import copy_budget
from finsam_desktop.reports.prognosis import build_prognosis
from pdf_helpers import MINUS, demo_book, kr, pages_text  # noqa: F401  (the fixture `demo`)


@pytest.fixture
def demo_copy(demo, tmp_path):
    """A copy of the demo book that a test may change."""
    target = tmp_path / "demo.finsam"
    demo.backup_to(target)
    Book.open(target).close()  # as a book the program has opened (WAL) before: refusals leave it as it is
    return target


def test_budget_prints_three_years_and_balansbudget(demo, capsys):
    code, out, err = run_cli(capsys, "budget", demo.path, "--year", "2025")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[1].split()[-4:] == ["2024", "2025", "2026", "2027"]
    result = next(line for line in lines if line.startswith("Årets resultat"))
    assert result.split()[-6:] == ["-278", "000", "-330", "000", "0", "0"]
    assert any(line.strip().startswith("Eget kapital vid årets slut") and "307 282" in line for line in lines)
    code, out, _ = run_cli(capsys, "budget", demo.path, "--year", "2025", "--json")
    data = json.loads(out)
    assert data["results"] == [-278_000_00, -330_000_00, 0, 0]
    assert data["balance"][1]["eget_kapital_in"] == 637_282_00
    assert data["balance"][1]["eget_kapital_out"] == 307_282_00
    assert data["balance"][1]["golv"] == 200_000_00 and data["balance"][1]["over_golv"] is True


def test_set_changes_a_row_as_a_person_writes_it(demo_copy, capsys):
    code, out, err = run_cli(capsys, "budget", demo_copy, "--year", "2025", "--set", "Löner kansli",
                             "--amount", "570 000", "--plan1", "590 000", "--prognosis", "565 000",
                             "--comment", "Vakans i oktober")
    assert code == 0, err
    assert "ändrades" in out, out
    code, out, err = run_cli(capsys, "budget", demo_copy, "--year", "2025", "--set", "Driftbidrag",
                             "--prognosis", "2 600 000", "--profile", "-")
    assert code == 0, err
    with Book.open(demo_copy, read_only=True) as book:
        y = book.year_by_label("2025")
        rows = {r.label: r for r in book.budget(y.id)}
        assert rows["Löner kansli"].amount == 570_000_00  # a cost: ledger positive
        plan = book.budget_plan(rows["Löner kansli"].id)
        assert (plan.plan1, plan.prognosis, plan.prognosis_comment) == (590_000_00, 565_000_00, "Vakans i oktober")
        drift = book.budget_plan(rows["Driftbidrag från medlemmarna"].id)
        assert drift.prognosis == -2_600_000_00 and drift.profile == ()  # an income: ledger negative
    code, out, _ = run_cli(capsys, "budget-report", demo_copy, "--to", "2025-09-30", "--json")
    p = json.loads(out)["prognosis"]
    row = next(r for r in p["rows"] if r["label"] == "Löner kansli")
    assert (row["budget_year"], row["override"], row["comment"]) == (-570_000_00, -565_000_00, "Vakans i oktober")


def test_refusals_change_nothing(demo_copy, capsys):
    refused(capsys, demo_copy, "budget", demo_copy, "--year", "2025", "--set", "Driftbidrag", "--plan1", "x",
            match="Ogiltigt belopp i fältet --plan1")
    refused(capsys, demo_copy, "budget", demo_copy, "--year", "2025", "--set", "Finns inte", "--amount", "1",
            match="ingen passar")
    refused(capsys, demo_copy, "budget", demo_copy, "--year", "2025", "--set", "Löner kansli",
            "--profile", "1,2", match="tolv")
    refused(capsys, demo_copy, "budget", demo_copy, "--year", "2025", "--amount", "1", match="--set RAD")
    refused(capsys, demo_copy, "budget", demo_copy, "--year", "2024", "--set", "Löner kansli", "--amount", "1",
            match="stängt")
    refused(capsys, demo_copy, "budget", demo_copy, "--year", "2025", "--copy-from", "plan",
            match="har redan en budget")
    refused(capsys, demo_copy, "budget-report", demo_copy, "--to", "2031-01-01", match="inget räkenskapsår")
    refused(capsys, demo_copy, "budget-report", demo_copy, "--to", "2025-02-30", match="datumet finns inte")
    refused(capsys, None, "plan", demo_copy, "--year", "2025", "-o", demo_copy.parent / "x.txt",
            match="ska sluta på .pdf")


def test_board_report_at_2025_09_30(demo, tmp_path, capsys):
    target = tmp_path / "rapport.pdf"
    code, out, err = run_cli(capsys, "budget-report", demo.path, "--to", "2025-09-30", "-o", target)
    assert code == 0, err
    assert "sparades" in out, out
    y = demo.year_by_label("2025")
    p = build_prognosis(demo, y.id, "2025-09-30")
    text = "\n".join(pages_text(target.read_bytes()))
    assert "Ekonomisk rapport per 2025-09-30" in text
    assert kr(p.prognosis_result) in text and kr(p.eget_kapital_out) in text
    assert "Kostnader ackumulerat mot budget 2025" in text and "Insatser 2025: beviljat, utfall och prognos" in text
    assert "Kommentarer till prognosen" in text and "styrelsens prognos" in text
    # the driftbidrag follow their quarterly profile: on budget at 30 September
    drift = next(r for r in p.rows if r.section == "intakter")
    assert drift.budget_to_date == drift.outcome_to_date == 2_106_000_00 and drift.prognosis == 2_592_000_00
    assert p.prognosis_result == p.outcome_result + sum(r.prognosis - r.outcome_to_date for r in p.rows)


def test_plan_2025_and_2026_render(demo, tmp_path, capsys):
    target = tmp_path / "plan2025.pdf"
    code, out, err = run_cli(capsys, "plan", demo.path, "--year", "2025", "-o", target)
    assert code == 0, err
    text = "\n".join(pages_text(target.read_bytes()))
    assert "Resultat- och balansbudget 2025" in text and "Plan 2027" in text and "Balansbudget" in text
    assert kr(307_282_00) in text
    # Autumn 2025: the board opens 2026 from the plan and prints its verksamhetsplan.
    copy = tmp_path / "demo2026.finsam"
    demo.backup_to(copy)
    with Book.open(copy) as book:
        y26 = book.add_year("2026-01-01", "2026-12-31")
        assert copy_budget(book, y26.id, "plan") == 12
    target = tmp_path / "plan2026.pdf"
    code, out, err = run_cli(capsys, "plan", copy, "--year", "2026", "-o", target)
    assert code == 0, err
    text = "\n".join(pages_text(target.read_bytes()))
    assert "Resultat- och balansbudget 2026" in text and "Budget 2025" in text and "Plan 2028" in text
    assert f"{MINUS}832 000" in text  # StegVidare: 2026 as the plan of 2025 said
    refused(capsys, None, "plan", demo.path, "--year", "2030", "-o", tmp_path / "x.pdf", match="2030")
