"""Projektuppföljning (beviljat, utfall incl. interimsskuld, kvar per insats and
projektägare), the command line, and the interimsskulder as the reports engine shows them
in the note on kortfristiga skulder and in the JSON report."""

from __future__ import annotations

import json

import pytest

from accrual_books import INSATSER, kramfors, year_end_entries

from finsam_desktop.closing.close import close_year
from finsam_desktop.closing.accruals import AccrualEntry, book_accruals
from finsam_desktop.cli import main
from finsam_desktop.render.json_out import to_json
from finsam_desktop.reports.projects import NO_OWNER, project_follow_up


def test_follow_up_per_insats_and_projektagare_includes_the_interimsskuld(book):
    projects = kramfors(book)
    region = projects["other"]
    y = book.years()[0]
    psyk = book.add_project("104", "Psykiatridag", owner_id=region.id)
    book.set_project_grant(psyk.id, y.id, 30_000_00)
    book.book_voucher("2021-11-10", "Faktura Psykiatridag", [(4530, 35_500_00, psyk.id), (1930, -35_500_00)])
    book.add_project("105", "Utan ägare")
    book_accruals(book, "2021-12-31", year_end_entries(projects))

    fu = project_follow_up(book, y.id)
    assert fu.date == "2021-12-31" and fu.is_year_end
    by_code = {l.code: l for l in fu.lines}
    steg = by_code["101"]
    assert (steg.granted, steg.outcome, steg.accrued, steg.remaining) == (943_000_00, 943_000_00, 492_163_00, 0)
    assert steg.used_pct == 100.0 and not steg.over_grant and steg.owner == "Kramfors kommun"
    over = by_code["104"]
    assert (over.outcome, over.remaining, over.over_grant, over.used_pct) == (35_500_00, -5_500_00, True, 118.3)
    assert over.warning == "Insats 104 Psykiatridag har ett utfall på 35 500 kr, 5 500 kr över beviljade 30 000 kr."
    assert fu.warnings == (over.warning,)
    assert [o.owner for o in fu.owners] == ["Kramfors kommun", "Region Västernorrland", NO_OWNER]
    kommun = fu.owners[0]
    assert (kommun.total.granted, kommun.total.outcome, kommun.total.accrued) == (
        1_863_000_00, 1_863_000_00, 993_052_00)
    assert fu.total.granted == 1_893_000_00 and fu.total.outcome == 1_898_500_00
    assert fu.total.remaining == -5_500_00
    assert json.loads(json.dumps(fu.to_dict()))["owners"][0]["total"]["accrued"] == 993_052_00


def test_follow_up_for_a_delar_prorates_the_grant(book):
    projects = kramfors(book)
    fu = project_follow_up(book, book.years()[0].id, "2021-06-30")
    steg = {l.code: l for l in fu.lines}["101"]
    assert (steg.granted, steg.granted_period, steg.outcome, steg.accrued) == (943_000_00, 471_500_00, 0, 0)
    assert not fu.is_year_end
    assert projects["101"].id == steg.project_id


def test_cli_accruals_lists_and_books_the_suggestion(book, capsys):
    kramfors(book)
    path = str(book.path)
    book.close()
    assert main(["accruals", path, "--date", "2021-12-31"]) == 0
    text = capsys.readouterr().out
    assert "101     StegSam" in text and "492 163" in text and "3 insatser saknar beslut" in text
    assert main(["accruals", path, "--date", "2021-12-31", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [l["suggested"] for l in data["projects"]] == [a for *_x, a in INSATSER]
    assert main(["accruals", path, "--date", "2021-12-31", "--book", "--line", "101:492 163",
                 "--line", "102:321953.00", "--line", "103:0", "--line", "styrelsearvoden:12 000,50"]) == 0
    out = capsys.readouterr().out
    assert "Bokförde verifikation A 4 den 2021-12-31 (826 117 kr, 4 rader)." in out
    assert "Återföringen bokförs den 2022-01-01" in out
    # The same period again: refused with one Swedish line and exit code 2.
    assert main(["accruals", path, "--date", "2021-12-31", "--book", "--line", "101:1"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("finsam: Periodiseringen för insats 101 StegSam per 2021-12-31 är redan bokförd")
    assert main(["accruals", path, "--date", "2021-12-31", "--book", "--line", "999:1"]) == 2
    assert "ingen insats med koden 999" in capsys.readouterr().err


def test_cli_projects_prints_the_follow_up(book, capsys):
    projects = kramfors(book)
    book_accruals(book, "2021-12-31", year_end_entries(projects))
    path = str(book.path)
    book.close()
    assert main(["projects", path, "--year", "2021"]) == 0
    text = capsys.readouterr().out
    assert "Projektuppföljning 2021 till och med 2021-12-31" in text
    assert "\nKramfors kommun\n  101" in text and "993 052" in text and "Summa insatser" in text
    assert main(["projects", path, "--year", "2021", "--date", "2021-06-30", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["date"] == "2021-06-30" and data["total"]["granted_period"] == 931_500_00


def test_report_note_specifies_interimsskulder_per_projektagare_and_insats(book):
    reports = pytest.importorskip("finsam_desktop.reports")
    if not hasattr(reports, "build_report"):
        pytest.skip("the reports engine is not part of this build")
    projects = kramfors(book)
    book_accruals(book, "2021-12-31", year_end_entries(projects)
                  + [AccrualEntry(amount=20_391_00, kind="kanslikostnader")])
    report = reports.build_report(book, book.years()[0].id)
    note = report.note("interimsskulder")
    rows = {ln.label: ln.amount for ln in note.lines}
    assert rows["Kramfors kommun – StegSam"] == 492_163_00
    assert rows["Kramfors kommun – Koordinator/Coach Samkraft"] == 321_953_00
    assert rows["Kramfors kommun – StegSam+"] == 178_936_00
    assert rows["Övriga interimsskulder"] == 20_391_00
    assert note.total == 1_013_443_00
    per_project = to_json(report)["noter"]["interimsskulder_per_projekt"]
    assert per_project["StegSam"] == 492_163_00 and per_project["StegSam+"] == 178_936_00
    assert per_project["Koordinator/Coach Samkraft"] == 321_953_00


def test_next_year_note_shows_last_years_interimsskuld_beside_this_years(book):
    reports = pytest.importorskip("finsam_desktop.reports")
    if not hasattr(reports, "build_report"):
        pytest.skip("the reports engine is not part of this build")
    projects = kramfors(book)
    y2021 = book.years()[0]
    book_accruals(book, "2021-12-31", year_end_entries(projects))
    y2022 = close_year(book, y2021.id)
    steg = projects["101"]
    book.book_voucher("2022-01-20", "Faktura okt–dec 2021 StegSam", [(4530, 492_163_00, steg.id),
                                                                    (1930, -492_163_00)])
    book_accruals(book, "2022-12-31", [AccrualEntry(amount=250_000_00, project_id=steg.id),
                                       AccrualEntry(amount=0, project_id=projects["102"].id),
                                       AccrualEntry(amount=0, project_id=projects["103"].id)])
    note = reports.build_report(book, y2022.id).note("interimsskulder")
    line = next(ln for ln in note.lines if ln.label == "Kramfors kommun – StegSam")
    assert (line.amount, line.previous) == (250_000_00, 492_163_00)


def test_cli_accruals_before_the_year_end_names_the_prorated_grant(book, capsys):
    """Per 30 June the column is half the year's grant (471 500 of 943 000 kr): headed
    "Beviljat t.o.m. perioden", so it is not read as the projektuppföljning's "Beviljat"."""
    kramfors(book)
    path = str(book.path)
    book.close()
    assert main(["accruals", path, "--date", "2021-06-30"]) == 0
    text = capsys.readouterr().out
    assert "Beviljat t.o.m. perioden" in text and "471 500" in text
    assert main(["accruals", path, "--date", "2021-12-31"]) == 0
    text = capsys.readouterr().out
    assert "Beviljat t.o.m. perioden" not in text and "Beviljat" in text and "943 000" in text


def test_follow_up_interimsskuld_counts_every_account_the_note_specifies(tmp_path):
    """Örnsköldsvik keeps one insats' upplupen kostnad on 2999 beside the book's 2990:
    the follow-up's "varav interimsskuld" is the note's figure per insats."""
    from other_charts import build_ornskoldsvik

    from finsam_desktop.reports import build_report, interimsskulder_per_projekt
    book = build_ornskoldsvik(tmp_path / "ovik.finsam")
    y = book.year_by_label("2020")
    fu = project_follow_up(book, y.id)
    accrued = {l.name: l.accrued for l in fu.lines}
    assert accrued == {"Plattform U": 200_000_00, "Processtöd psykisk hälsa": 226_140_00,
                       "Trygga föräldrar – Älskade barn": 162_166_00}
    assert accrued == interimsskulder_per_projekt(build_report(book, y.id))
    assert fu.total.accrued == 588_306_00
    book.close()


def test_insats_on_two_cost_accounts_shows_one_utfall_in_follow_up_note_and_accrual_suggestion(book):
    """StegSam is invoiced on 4530 and has a coordinator's salary on 5010: the
    projektuppföljning, the note on verksamhetens kostnader and the accrual suggestion's
    bokfört all count both, and the suggested interimsskuld is beviljat less both."""
    from finsam_desktop.closing.accruals import suggest
    from finsam_desktop.reports import build_report

    projects = kramfors(book)
    steg = projects["101"]
    y = book.years()[0]
    assert book.account(5010).row_id == "verksamhetens_kostnader"
    book.book_voucher("2021-11-25", "Lön samordnare StegSam", [(5010, 60_000_00, steg.id), (1930, -60_000_00)])
    booked = 450_837_00 + 60_000_00

    def note_line(report):
        note = report.note("verksamhetens_kostnader")
        return next(ln.amount for ln in note.lines if ln.project_id == steg.id)

    line = next(l for l in suggest(book, "2021-12-31").projects if l.project_id == steg.id)
    assert (line.booked, line.suggested) == (booked, 943_000_00 - booked)
    assert {l.code: l for l in project_follow_up(book, y.id).lines}["101"].outcome == booked
    assert note_line(build_report(book, y.id)) == -booked

    # Booked as suggested: the year's utfall is the grant, the interimsskuld (2990) is not
    # counted a second time, and the suggestion still shows what was booked before it.
    book_accruals(book, "2021-12-31", [AccrualEntry(amount=line.suggested, project_id=steg.id)])
    fu = {l.code: l for l in project_follow_up(book, y.id).lines}["101"]
    assert (fu.outcome, fu.accrued, fu.remaining) == (943_000_00, 943_000_00 - booked, 0)
    assert note_line(build_report(book, y.id)) == -943_000_00
    again = next(l for l in suggest(book, "2021-12-31").projects if l.project_id == steg.id)
    assert (again.booked, again.amount, again.decided) == (booked, 943_000_00 - booked, True)
    # Halfway through the year only what was booked by 30 June counts (nothing here).
    assert {l.code: l for l in project_follow_up(book, y.id, "2021-06-30").lines}["101"].outcome == 0
