"""Texts with live figures: fields filled from the report when the document is made, and
the kontroll that lists figures written by hand that no longer match the report."""

from __future__ import annotations

import pytest

from finsam_desktop.closing.checks import run_checks
from finsam_desktop.demo import build_demo
from finsam_desktop.render.pdf import render_pdf_bytes
from finsam_desktop.reports import build_report, in_tkr
from finsam_desktop.reports.document import build_document
from finsam_desktop.reports.textfields import FIELDS, SECTION_HEADINGS, field_list, fill, stale_figures

from pdf_helpers import pages_text


@pytest.fixture(scope="module")
def changed(tmp_path_factory):
    """The demo book after its texts were written, with one more verifikation in 2025:
    51 500 kr more kanslikostnader (result −298 882 kr, eget kapital 338 400 kr, 13,06 %)."""
    book = build_demo(tmp_path_factory.mktemp("fields") / "demo.finsam")
    y = book.year_by_label("2025")
    before = build_report(book, y.id)
    assert before.resultatrakning.row("arets_resultat").amount == -247_382_00
    book.book_voucher("2025-12-30", "Konsultstöd utvärdering", [(6550, 51_500_00), (1930, -51_500_00)])
    yield book, y, before
    book.close()


def _forvaltning(pages: list[str]) -> str:
    start = next(i for i, p in enumerate(pages) if "Förvaltningsberättelse" in p and "avger härmed" in p)
    end = next(i for i, p in enumerate(pages) if i > start and "Resultaträkning" in p and "Perioden" in p)
    return "\n".join(pages[start:end])


def test_the_pdf_text_follows_a_verifikation_booked_after_the_texts_were_written(changed):
    book, y, _ = changed
    r = build_report(book, y.id)
    assert r.resultatrakning.row("arets_resultat").amount == -298_882_00
    assert r.balansrakning.row("summa_eget_kapital").amount == 338_400_00
    text = " ".join(_forvaltning(pages_text(render_pdf_bytes(build_document(book, y.id, report=r))))
                    .replace("\u00a0", " ").split())
    # The old result, equity and share are absent; the new ones stand where the fields are.
    for old in ("247 382", "389 900", "15,04 %"):
        assert old not in text, old
    assert "Årets resultat blev ett underskott på 298 882 kr" in text
    assert "Årets verksamhet visar ett underskott på 298 882 kr" in text
    assert "eget kapital till 338 400 kr, vilket motsvarar 13,06 % av tilldelade medel" in text
    assert "{" not in text


def test_fields_print_in_tkr_rounded_once_like_the_tables(changed):
    book, y, _ = changed
    r = build_report(book, y.id)
    t = in_tkr(r)
    assert fill("{årets_resultat}; {resultatet}; {eget_kapital}", r, "tkr") == \
        "\u2212299 tkr; ett underskott på 299 tkr; 338 tkr"
    assert t.resultatrakning.row("arets_resultat").amount == -299
    assert fill("{eget_kapital_andel} {okänt_fält}", r, "ore") == "13,06 % {okänt_fält}"
    text = " ".join(_forvaltning(pages_text(render_pdf_bytes(build_document(book, y.id, tkr=True))))
                    .replace("\u00a0", " ").split())
    assert "Årets resultat blev ett underskott på 299 tkr" in text
    # Every field the wizard lists has a value.
    assert [f for f, _ in field_list()] == ["{" + n + "}" for n in FIELDS]
    assert all("{" not in fill(f, r, "ore") for f, _ in field_list())


def test_a_hand_written_figure_that_no_longer_matches_is_listed_with_its_heading(changed):
    book, y, before = changed
    r = build_report(book, y.id)
    texts = {"disposition": "Årets verksamhet visar ett underskott på 247 382 kronor.",
             "god_ekonomisk_hushallning": "Eget kapital motsvarar 15,04 % av tilldelade medel, "
                                          "det egna kapitalet 338 400 kr. Målet på 20 procent nås.",
             "handelser": "Sex sammanträden hölls under 2025 och 1997 startade förbundet.",
             "viktiga_forhallanden": "Förra året var resultatet 637 282 kr."}
    found = stale_figures(texts, SECTION_HEADINGS, r)
    by = {(s.key, s.written): s.reason for s in found}
    assert by[("disposition", "247 382 kronor")] == "stämmer inte med någon siffra i rapporten."
    assert by[("god_ekonomisk_hushallning", "15,04 %")] == "finns inte bland rapportens procenttal."
    assert by[("handelser", "1997")] == "är ett år som rapporten inte avser."
    # 338 400 kr is this year's eget kapital, 20 procent the recommendation, 2025 the year.
    assert set(by) == {("disposition", "247 382 kronor"), ("god_ekonomisk_hushallning", "15,04 %"),
                       ("handelser", "1997"), ("viktiga_forhallanden", "637 282 kr")}
    assert by[("viktiga_forhallanden", "637 282 kr")] == "är förra årets eget kapital."
    assert found[0].message.startswith("Förslag till disposition av årets resultat: ”247 382 kronor”")
    # Against the report the text was written for, the disposition's figure was right.
    assert ("disposition", "247 382 kronor") not in {(s.key, s.written)
                                                     for s in stale_figures(texts, SECTION_HEADINGS, before)}


def test_the_kontroller_warn_of_a_stale_figure_and_of_an_unknown_field(changed):
    book, y, _ = changed
    book.set_year_text(y.id, "handelser", "Kostnaden för utvärderingen blev 51 500 kr. {årets_resltat}")
    book.set_year_text(y.id, "personal", "Lönerna var 412 000 kr.")
    try:
        warnings = [f for f in run_checks(book, y.id) if f.check in ("textsiffra", "textfalt")]
        assert [f.severity for f in warnings] == ["warning"] * 3
        # 51 500 kr is no figure the report prints (the verifikation is one of a note's
        # account lines), so it is listed too: the user confirms or writes a field.
        assert warnings[0].message.startswith("Händelser av väsentlig betydelse: ”51 500 kr” stämmer inte")
        assert "Väsentliga personalförhållanden: ”412 000 kr” stämmer inte" in warnings[1].message
        assert "fältet {årets_resltat} finns inte" in warnings[2].message
    finally:
        book.set_year_text(y.id, "handelser", "")
        book.set_year_text(y.id, "personal", "")
