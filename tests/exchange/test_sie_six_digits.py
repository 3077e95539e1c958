"""A kommun's chart with five- and six-digit Kommun-Bas accounts: imported, reported on
the row of the account's first four digits, and written back out unchanged."""

from __future__ import annotations

from conftest import VALID_ORGNR

from finsam_desktop.book import Book
from finsam_desktop.book.chart import default_row
from finsam_desktop.exchange.sie_import import import_sie
from finsam_desktop.exchange.sie_writer import export_sie
from finsam_desktop.reports import build_report

FILE = f"""#FLAGGA 0
#PROGRAM "Kommunsystem" 1.0
#FORMAT PC8
#GEN 20260110
#SIETYP 4
#ORGNR {VALID_ORGNR}
#FNAMN "Samordningsförbundet Sex"
#RAR 0 20250101 20251231
#KPTYP KOMMUN
#KONTO 193010 "Bank, förbundskonto"
#KONTO 201010 "Eget kapital"
#KONTO 145010 "Fordran på kommunen"
#KONTO 30101 "Driftbidrag kommunen"
#KONTO 453010 "Bidrag till insatser"
#KONTO 5010 "Löner"
#IB 0 193010 500000.00
#IB 0 201010 -500000.00
#VER A 1 20250115 "Driftbidrag"
{{
#TRANS 193010 {{}} 600000.00
#TRANS 30101 {{}} -600000.00
}}
#VER A 2 20250301 "Insats"
{{
#TRANS 453010 {{}} 250000.00
#TRANS 193010 {{}} -250000.00
}}
#VER A 3 20250325 "Lön"
{{
#TRANS 5010 {{}} 40000.00
#TRANS 145010 {{}} 10000.00
#TRANS 193010 {{}} -50000.00
}}
"""


def test_six_digit_chart_imports_and_reports_on_the_rows_of_its_first_four_digits(tmp_path):
    src = tmp_path / "kommun.se"
    src.write_bytes(FILE.encode("cp437"))
    import_sie(src, tmp_path / "k.finsam")
    with Book.open(tmp_path / "k.finsam") as book:
        assert book.account(145010).row_id == default_row(1450) == "forrad"
        assert book.account(193010).row_id == "kassa_och_bank"
        assert book.account(30101).kind == "I" and book.account(453010).kind == "K"
        y = book.year_by_label("2025")
        r = build_report(book, y.id)
        rr, br = r.resultatrakning.amounts(), r.balansrakning.amounts()
        assert rr["verksamhetens_intakter"] == 600_000_00
        assert rr["verksamhetens_kostnader"] == -290_000_00
        assert rr["arets_resultat"] == 310_000_00
        assert br["kassa_och_bank"] == 800_000_00
        assert br["summa_tillgangar"] == 810_000_00
        assert all(c.ok for c in r.kontroller), [c.message for c in r.kontroller if not c.ok]
        out = tmp_path / "back.se"
        export_sie(book, y, out)
        text = out.read_bytes().decode("cp437")
        assert '#KONTO 145010 "Fordran på kommunen"' in text and "#TRANS 453010 {} 250000.00" in text


def test_a_four_digit_budget_range_covers_the_six_digit_accounts(tmp_path):
    src = tmp_path / "kommun.se"
    src.write_bytes(FILE.encode("cp437"))
    import_sie(src, tmp_path / "k.finsam")
    with Book.open(tmp_path / "k.finsam") as book:
        y = book.year_by_label("2025")
        assert book.result_rows_in_range(4500, 4599) == ["verksamhetens_kostnader"]
        book.add_budget_row(y.id, "Insatser", 300_000_00, account_from=4500, account_to=4599, section="insatser")
        book.add_budget_row(y.id, "Driftbidrag", -600_000_00, account_from=3000, account_to=3099, section="intakter")
        drift = {d.label: d for d in build_report(book, y.id).driftredovisning.rows}
        assert drift["Insatser"].utfall == -250_000_00 and drift["Insatser"].avvikelse == 50_000_00
        assert drift["Driftbidrag"].utfall == 600_000_00
        assert drift["Resultat"].utfall == 310_000_00


def test_another_programs_dimension_20_is_not_read_as_motpart(tmp_path):
    text = FILE.replace("#IB 0 193010", '#DIM 20 "Avdelning"\n#OBJEKT 20 "A1" "Avdelning 1"\n#IB 0 193010')
    text = text.replace("#TRANS 453010 {{}} 250000.00".replace("{{}}", "{}"), '#TRANS 453010 {20 "A1"} 250000.00')
    assert '{20 "A1"}' in text
    src = tmp_path / "avd.se"
    src.write_bytes(text.encode("cp437"))
    report = import_sie(src, tmp_path / "a.finsam")
    assert any("dimension 20 (”Avdelning”) läses inte in" in f.message for f in report.findings)
    with Book.open(tmp_path / "a.finsam") as book:
        assert book.counterparts() == []
        rows = [r for *_h, rs in book.iter_year_vouchers(book.year_by_label("2025").id) for r in rs]
        assert all(r[4] is None for r in rows) and any(r[0] == 453010 for r in rows)
