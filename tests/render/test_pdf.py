"""The årsredovisning as PDF: every figure is the engine's figure, the document is
complete, its table of contents and page numbers agree, fonts are embedded."""

from __future__ import annotations

import io
import re

import pypdf
import pytest

from finsam_desktop.cli import main as cli_main
from finsam_desktop.money import format_kr
from finsam_desktop.render.pdf import render_pdf, render_pdf_bytes
from finsam_desktop.reports.document import build_document
from finsam_desktop.reports import build_report, in_tkr
from finsam_desktop.render.json_out import to_json

from pdf_helpers import MINUS, _toc_entries, demo_book, kr, page_headed, pages_text  # noqa: F401  (the fixture `demo`)

STATEMENT_HEADINGS = ("Innehållsförteckning", "Förvaltningsberättelse", "Resultaträkning", "Balansräkning",
                      "Kassaflödesanalys", "Driftredovisning", "Noter", "Underskrifter")


def tkr(value: int) -> str:
    return format_kr(value * 100, minus=MINUS)


@pytest.fixture(scope="module")
def demo_2025(demo):
    year = demo.year_by_label("2025")
    report = build_report(demo, year.id)
    data = render_pdf_bytes(build_document(demo, year.id, report=report))
    return year, report, data, pages_text(data)


@pytest.fixture(scope="module")
def demo_2025_tkr(demo):
    year = demo.year_by_label("2025")
    data = render_pdf_bytes(build_document(demo, year.id, tkr=True))
    return in_tkr(build_report(demo, year.id)), pages_text(data)


def test_every_part_of_the_annual_report_has_its_heading(demo_2025):
    _, _, _, pages = demo_2025
    text = "\n".join(pages)
    for heading in STATEMENT_HEADINGS + ("Projektuppföljning", "Balanskravsresultat",
                                         "Översikt över verksamhetens utveckling"):
        assert heading in text, heading


def test_statement_figures_print_exactly_as_the_json_report_gives_them(demo_2025):
    _, report, _, pages = demo_2025
    data = to_json(report)
    assert data["enhet"] == "ore"
    rr, br, kfa = (pages[page_headed(pages, h)] for h in ("Resultaträkning", "Balansräkning",
                                                         "Kassaflödesanalys"))
    assert "Resultaträkning" in rr and "Balansräkning" in br and "Kassaflödesanalys" in kfa
    for rid in ("verksamhetens_intakter", "verksamhetens_kostnader", "verksamhetens_nettokostnader",
                "finansiella_kostnader", "arets_resultat"):
        assert kr(data["resultatrakning"][rid]) in rr, rid
        assert kr(data["foregaende_ar"]["resultatrakning"][rid]) in rr, rid
        assert kr(data["budget"][rid]) in rr, rid
    for rid in ("fordringar", "kassa_och_bank", "summa_tillgangar", "summa_eget_kapital",
                "kortfristiga_skulder", "summa_eget_kapital_avsattningar_och_skulder"):
        assert kr(data["balansrakning"][rid]) in br, rid
    for rid in ("arets_resultat", "okning_minskning_kortfristiga_fordringar",
                "okning_minskning_kortfristiga_skulder", "arets_kassaflode",
                "likvida_medel_vid_arets_borjan", "likvida_medel_vid_arets_slut"):
        assert kr(data["kassaflodesanalys"][rid]) in kfa, rid


def test_key_figures_print_as_the_json_report_gives_them(demo_2025):
    _, report, _, pages = demo_2025
    data = to_json(report)
    text = "\n".join(pages)
    share = data["nyckeltal"]["eget_kapital_andel_av_tilldelade_medel"]
    assert f"{share['andel_procent']:.2f}".replace(".", ",") + " %" in text
    assert kr(share["eget_kapital"]) in text and kr(share["tilldelade_medel"]) in text
    assert kr(data["nyckeltal"]["balanskravsresultat"]["balanskravsresultat"]) in text
    for year in data["nyckeltal"]["femarsoversikt"]:
        assert year["year_label"] in text
        assert kr(year["arets_resultat"]) in text and kr(year["likvida_medel"]) in text
    for row in data["nyckeltal"]["driftredovisning"]:
        assert kr(row["avvikelse"]) in text, row["rad"]
    # The demo's figures themselves (Kramfors-like: 15,04 % of 2 592 000 kr).
    assert "15,04 %" in text and "2 592 000" in text


def test_amounts_in_tkr_are_the_engines_rounded_figures(demo_2025_tkr):
    report, pages = demo_2025_tkr
    data = to_json(report)
    assert data["enhet"] == "tkr"
    text = "\n".join(pages)
    assert "Belopp i tkr" in text
    for sid, rid in (("resultatrakning", "arets_resultat"), ("resultatrakning", "verksamhetens_intakter"),
                     ("balansrakning", "summa_tillgangar"), ("balansrakning", "kassa_och_bank"),
                     ("kassaflodesanalys", "arets_kassaflode")):
        assert tkr(data[sid][rid]) in text, rid
    overview = next(p for p in pages if "Tilldelade medel" in p)
    assert "2 592" in overview and "2 592 000" not in overview


def test_rows_with_nothing_in_either_year_are_left_out(demo_2025):
    _, report, _, pages = demo_2025
    assert report.resultatrakning.row("skatteintakter").amount == 0
    text = "\n".join(pages[page_headed(pages, "Resultaträkning"):page_headed(pages, "Kassaflödesanalys") + 1])
    for label in ("Skatteintäkter", "Generella statsbidrag och utjämning", "Avskrivningar",
                  "Immateriella anläggningstillgångar", "Långfristiga skulder", "Summa anläggningstillgångar"):
        assert label not in text, label


def test_fonts_are_embedded_truetype(demo_2025):
    _, _, data, _ = demo_2025
    reader = pypdf.PdfReader(io.BytesIO(data))
    names = set()
    for page in reader.pages:
        fonts = page["/Resources"].get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            names.add(font["/BaseFont"])
            descriptor = font.get("/FontDescriptor")
            assert descriptor is not None, f"{font['/BaseFont']} has no descriptor (a base-14 font)"
            assert "/FontFile2" in descriptor.get_object(), font["/BaseFont"]
    assert any(n.endswith("+DejaVuSansCondensed") for n in names)
    assert any(n.endswith("+DejaVuSerifCondensed") for n in names)


def test_table_of_contents_points_to_the_pages_of_its_headings(demo_2025):
    _, _, data, pages = demo_2025
    entries = _toc_entries(data)
    titles = [t for t, _ in entries]
    for heading in STATEMENT_HEADINGS[1:]:
        assert heading in titles, heading
    for title, number in entries:
        assert 1 <= number <= len(pages)
        assert title in pages[number - 1], f"{title} is not on page {number}"
    numbers = [n for _, n in entries]
    assert numbers == sorted(numbers)


def test_every_inner_page_says_sida_x_av_y(demo_2025):
    _, _, _, pages = demo_2025
    total = len(pages)
    assert total >= 10
    assert "Sida" not in pages[0]
    for i, text in enumerate(pages[1:], start=2):
        assert f"Sida {i} av {total}" in text
        assert "Samordningsförbundet Mellersta Ådalen" in text


def test_metadata_names_title_author_subject_and_swedish_language(demo_2025):
    _, _, data, _ = demo_2025
    reader = pypdf.PdfReader(io.BytesIO(data))
    meta = reader.metadata
    assert meta.title == "Årsredovisning 2025 – Samordningsförbundet Mellersta Ådalen"
    assert meta.author == "Samordningsförbundet Mellersta Ådalen"
    assert meta.subject == "Årsredovisning för räkenskapsåret 2025-01-01 – 2025-12-31"
    assert reader.trailer["/Root"]["/Lang"] == "sv-SE"
    outline = [o.title for o in reader.outline if not isinstance(o, list)]
    assert outline[:2] == ["Förvaltningsberättelse", "Resultaträkning"]


def test_open_year_prints_as_draft_with_watermark_and_checks(demo_2025):
    year, report, _, pages = demo_2025
    assert not year.is_closed
    assert all("UTKAST" in p for p in pages)
    assert "Kontroller inför beslut" in pages[1]
    assert f"Alla {len(report.kontroller)} kontroller" in pages[1]


def test_failed_checks_are_listed_in_a_draft(demo, demo_2025):
    from dataclasses import replace

    from finsam_desktop.reports import check_result

    year, report, _, _ = demo_2025
    broken = replace(report, kontroller=report.kontroller + (
        check_result("balansrakning_balanserar", False, "Balansräkningen balanserar inte: skillnad 1 kr."),))
    pages = pages_text(render_pdf_bytes(build_document(demo, year.id, report=broken)))
    assert "Balansräkningen balanserar inte: skillnad 1 kr." in pages[1]
    assert f"1 av {len(broken.kontroller)} kontroller" in pages[1]


def test_bokslut_warnings_are_listed_apart_from_the_report_checks(demo, demo_2025):
    """The bokslut's warnings (bank statement, momsfordran …) are things to do before the
    decision, not failed sums of the report: they get their own heading, and the report's
    checks still count only the report's own."""
    from dataclasses import replace

    from finsam_desktop.reports import check_result

    year, report, _, _ = demo_2025
    warning = "Saldot enligt kontoutdraget den 2025-12-31 är inte angivet."
    legacy = replace(report, kontroller=report.kontroller + (check_result("bokslut_1", False, warning),))
    for kwargs in (dict(report=report, warnings=[warning]), dict(report=legacy)):
        page = pages_text(render_pdf_bytes(build_document(demo, year.id, **kwargs)))[1].replace("\n", " ")
        todo, checks = page.split("Kontroller inför beslut")
        assert "Att åtgärda före beslut" in todo and warning in todo
        assert "Bokslutets kontroller har gett 1 varning som ska åtgärdas" in todo
        assert warning not in checks and not re.search(r"\d+ av \d+ kontroller", checks)
        assert f"Alla {len(report.kontroller)} kontroller av rapportens summor och samband är uppfyllda" in checks


def test_closed_year_prints_final_without_watermark(demo):
    year = demo.year_by_label("2024")
    assert year.is_closed
    pages = pages_text(render_pdf_bytes(build_document(demo, year.id)))
    text = "\n".join(pages)
    assert "UTKAST" not in text and "[Text saknas]" not in text
    assert "Kontroller inför beslut" not in text
    assert "Årsredovisning 2024" in pages[0]


def test_cover_names_forbund_period_and_decision_date(demo, demo_2025):
    year, _, _, pages = demo_2025
    cover = pages[0]
    assert "Samordningsförbundet Mellersta Ådalen" in cover
    assert "Årsredovisning 2025" in cover
    assert "2025-01-01 – 2025-12-31" in cover
    decided = demo.year_text(year.id, "beslutsdatum")
    # 2025 is a draft: the board has not decided yet, the date is the meeting to come.
    assert decided and f"Att beslutas av styrelsen {decided}" in cover
    assert "Beslutad av styrelsen" not in cover


def test_final_cover_says_the_board_decided_it(demo):
    year = demo.year_by_label("2024")
    cover = pages_text(render_pdf_bytes(build_document(demo, year.id)))[0]
    assert f"Beslutad av styrelsen {demo.year_text(year.id, 'beslutsdatum')}" in cover


def test_signatures_list_every_board_member_and_auditor(demo, demo_2025):
    year, _, _, pages = demo_2025
    last = pages[-1]
    assert "Underskrifter" in last
    people = demo.signatories(year.id)
    assert {s.kind for s in people} == {"styrelse", "revisor"}
    for s in people:
        assert s.name in last and s.role in last
    assert "revisionsberättelse" in last


def test_interim_report_is_titled_delarsrapport(demo):
    year = demo.year_by_label("2025")
    pages = pages_text(render_pdf_bytes(build_document(demo, year.id, date_from="2025-01-01", date_to="2025-06-30")))
    assert "Delårsrapport per 2025-06-30" in pages[0]
    assert "Förslag till disposition" not in "\n".join(pages)


def test_empty_texts_are_marked_in_a_draft(book):
    y = book.years()[0]
    book.book_voucher("2021-01-20", "Driftbidrag", [(1930, 500_000_00), (3010, -500_000_00)])
    book.book_voucher("2021-03-10", "Lokalhyra", [(6110, 40_000_00), (1930, -40_000_00)])
    pages = pages_text(render_pdf_bytes(build_document(book, y.id)))
    text = "\n".join(pages)
    assert "[Text saknas]" in text
    assert "Årets resultat" in text and kr(460_000_00) in text
    assert "saknar text" in pages[1]


def test_empty_sections_are_left_out_of_the_final_document(book):
    from dataclasses import replace

    y = book.years()[0]
    book.book_voucher("2021-01-20", "Driftbidrag", [(1930, 500_000_00), (3010, -500_000_00)])
    book.set_year_text(y.id, "handelser", "Styrelsen beslutade om en ny insats.")
    final = replace(build_report(book, y.id), is_closed=True)
    text = "\n".join(pages_text(render_pdf_bytes(build_document(book, y.id, report=final))))
    assert "[Text saknas]" not in text and "UTKAST" not in text
    assert "Händelser av väsentlig betydelse" in text and "Styrelsen beslutade om en ny insats." in text
    assert "Väsentliga personalförhållanden" not in text
    # Sections with a computed table stay, with their table.
    assert "Översikt över verksamhetens utveckling" in text and "Balanskravsresultat" in text


def test_user_text_is_printed_as_written_not_read_as_markup(book):
    y = book.years()[0]
    book.book_voucher("2021-01-20", "Driftbidrag", [(1930, 500_000_00), (3010, -500_000_00)])
    book.set_year_text(y.id, "oversikt", "Utfall < budget & <b>mål</b> nåddes.\n\n- första\n- andra")
    text = "\n".join(pages_text(render_pdf_bytes(build_document(book, y.id))))
    assert "Utfall < budget & <b>mål</b> nåddes." in text
    assert "första" in text and "andra" in text


def test_cli_writes_the_pdf(demo, tmp_path, capsys):
    target = tmp_path / "arsredovisning.pdf"
    assert cli_main(["pdf", str(demo.path), "--year", "2025", "--tkr", "-o", str(target)]) == 0
    assert target.read_bytes().startswith(b"%PDF")
    assert "sparades" in capsys.readouterr().out
    assert not list(tmp_path.glob(".*.tmp"))


def test_cli_refuses_an_output_that_is_not_a_pdf(demo, tmp_path, capsys):
    assert cli_main(["pdf", str(demo.path), "--year", "2025", "-o", str(tmp_path / "x.txt")]) == 2
    assert "ska sluta på .pdf" in capsys.readouterr().err


def test_render_pdf_refuses_a_missing_folder(demo, tmp_path):
    from finsam_desktop.errors import FinsamError

    with pytest.raises(FinsamError, match="finns inte"):
        render_pdf(build_document(demo, demo.year_by_label("2025").id), tmp_path / "saknas" / "a.pdf")


def flat(text: str) -> str:
    """The text with every run of white space as one space (table cells come out on
    lines of their own)."""
    return " ".join(text.split())


def _part(pages: list[str], heading: str) -> str:
    """The text of a part, from the first page headed by it up to the next part."""
    start = next(i for i, p in enumerate(pages) if i > 1 and heading in p.splitlines()[:3])
    return "\n".join(pages[start:start + 3])


def test_row_explained_by_two_notes_prints_both_numbers(demo, demo_2025, capsys):
    """Kortfristiga skulder is explained by its note and by the interimsskulder note:
    the PDF and the terminal table both print "5, 6", never only the first."""
    _, report, _, pages = demo_2025
    numbers = report.balansrakning.row("kortfristiga_skulder").notes
    assert len(numbers) == 2
    label = ", ".join(map(str, numbers))
    assert f"Kortfristiga skulder {label} " in flat(pages[page_headed(pages, "Balansräkning")])
    assert cli_main(["report", str(demo.path), "--year", "2025"]) == 0
    line = next(ln for ln in capsys.readouterr().out.splitlines() if ln.startswith("Kortfristiga skulder"))
    assert label in line


def test_tkr_document_prints_no_computed_kr_amounts(demo_2025_tkr):
    """Note texts and the projektuppföljning's warnings follow the document's unit."""
    t, pages = demo_2025_tkr
    noter = _part(pages, "Noter")
    assert not re.search(r"\d[\s\u00a0]*kr\b", noter), noter
    warning = next(p for p in pages if "Projektuppföljning" in p.splitlines()[1:3])
    line = t.nyckeltal.eget_kapital
    assert line.andel_procent is not None
    assert "583 tkr, 3 tkr över beviljade" in warning.replace("\n", " ")
    assert "kr," not in warning.replace("tkr,", "")


def test_grouped_note_ends_with_the_figure_of_its_row(demo_2025):
    """Verksamhetens kostnader is noted per insats, styrelse, kansli and övrigt; the note
    ends with its total, the figure of the resultaträkning row."""
    _, report, _, pages = demo_2025
    total = report.resultatrakning.row("verksamhetens_kostnader")
    noter = _part(pages, "Noter")
    assert f"Summa verksamhetens kostnader {kr(total.amount)} {kr(total.previous)}" in flat(noter)


def test_balance_sheet_keeps_its_captions_when_the_first_rows_are_left_out(demo_2025):
    """The demo has no anläggningstillgångar; "Tillgångar" still heads fordringar."""
    pages = demo_2025[3]
    br = pages[page_headed(pages, "Balansräkning")].splitlines()
    assert "Tillgångar" in br
    assert br.index("Tillgångar") < next(i for i, ln in enumerate(br) if ln.startswith("Fordringar"))
    assert "Eget kapital, avsättningar och skulder" in br


def test_five_year_overview_does_not_print_another_figure_as_verksamhetens_kostnader(demo_2025):
    """The overview's costs include the financial costs: it must not print them under the
    resultaträkning's label "Verksamhetens kostnader" with a different figure."""
    _, report, _, pages = demo_2025
    rr = report.resultatrakning.row("verksamhetens_kostnader")
    allowed = {kr(rr.amount), kr(rr.previous)}
    for page in pages:
        for m in re.finditer(r"Verksamhetens kostnader (?:\d+ )?(\u2212?\d{1,3}(?: \d{3})*)(?!\d)", flat(page)):
            assert m.group(1) in allowed, m.group(0)
    overview = report.nyckeltal.femarsoversikt[0]
    assert f"Summa kostnader {kr(overview.verksamhetens_kostnader)}" in flat(pages[2])


def test_statement_without_notes_has_no_note_column(demo_2025):
    pages = demo_2025[3]
    kfa = pages[page_headed(pages, "Kassaflödesanalys")]
    assert "Kassaflödesanalys" in kfa and "Not" not in kfa.split("Den löpande verksamheten")[0]


def test_driftredovisning_groups_budget_rows_under_their_sections(demo_2025):
    drift = next(p for p in demo_2025[3][2:] if "Driftredovisning" in p.splitlines()[1:3]).splitlines()
    for caption in ("Intäkter", "Insatser", "Kansli och personal", "Styrelse", "Övriga kostnader",
                    "Finansiella poster"):
        assert caption in drift, caption
    assert drift.index("Finansiella poster") < next(i for i, ln in enumerate(drift) if ln.startswith("Ränteintäkter"))


def test_amounts_in_running_text_do_not_break_inside_a_figure(demo_2025):
    """'2 505 kr över beviljade 580 000 kr': a line may break before an amount, never in it."""
    contents = demo_2025[3][1]
    assert not re.search(r"\d\n\d{3} kr", contents)
    assert "582 505 kr, 2 505 kr över beviljade" in contents


def test_tkr_projektuppfoljning_prints_each_insats_as_the_notes_do(demo_2025_tkr):
    """In tkr Psykiatridagen's 27 455 kr printed 27 in note 2 and 28 in the
    projektuppföljning, and Summa insatser 1 834 against 1 835: each insats is now
    rounded once, and the follow-up's sums are the sums of its printed lines."""
    t, pages = demo_2025_tkr
    follow = flat(next(p for p in pages if "Projektuppföljning" in p.splitlines()[1:3]))
    note = t.note("verksamhetens_kostnader")
    for ln in note.lines:
        if ln.project_id is not None:
            assert re.search(rf"{re.escape(ln.label)} \d[\d ]* {tkr(-ln.amount)} ", follow), ln.label
    insatser = next(ln for ln in note.lines if ln.label == "Summa insatser")
    assert re.search(rf"Summa insatser [\d ]+ {tkr(-insatser.amount)} ", follow)
