"""The handover package and the Excel workbook for kommunens ekonom, on the demo book."""

from __future__ import annotations

import hashlib
import zipfile

import pytest
from openpyxl import load_workbook

from conftest import digest
from finsam_desktop.book import Book
from finsam_desktop.cli import main
from finsam_desktop.closing.handover import README_NAME, SUMS_NAME, make_handover, verify_package
from finsam_desktop.demo import build_demo
from finsam_desktop.errors import BookFileError
from finsam_desktop.render.xlsx import SHEETS, write_xlsx
from finsam_desktop.reports import build_report
from finsam_desktop.reports.document import build_document


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.finsam"
    book = build_demo(path)
    yield book
    book.close()


@pytest.fixture(scope="module")
def package(demo, tmp_path_factory):
    out = tmp_path_factory.mktemp("ut")
    return make_handover(demo, demo.year_by_label("2025").id, out)


def test_handover_sha256_list_matches_the_files(package):
    names = {f.name for f in package.files}
    assert {n.rsplit(".", 1)[1] for n in names} == {"pdf", "se", "xlsx", "json", "finsam", "csv", "txt"}
    log = (package.folder / "Försegling och logg 2025 UTKAST.txt").read_text(encoding="utf-8")
    assert "Händelselogg för" in log and "voucher.book" in log and "Verifikationskedjans senaste länk" in log
    readme = (package.folder / README_NAME).read_text(encoding="utf-8")
    for f in package.files:
        assert f.sha256 == digest(package.folder / f.name)
        assert f.name in readme and f"SHA-256 {f.sha256}" in readme
    sums = (package.folder / SUMS_NAME).read_text(encoding="utf-8").splitlines()
    assert sorted(sums) == sorted(f"{f.sha256}  {f.name}" for f in package.files)
    assert verify_package(package.folder) == []


def test_handover_zip_holds_the_same_files(package):
    with zipfile.ZipFile(package.zip_path) as zf:
        for f in package.files:
            data = zf.read(f"{package.folder.name}/{f.name}")
            assert hashlib.sha256(data).hexdigest() == f.sha256
        assert f"{package.folder.name}/{README_NAME}" in zf.namelist()


def test_changed_file_is_found_by_the_checksums(package, tmp_path):
    import shutil
    copy = tmp_path / "kopia"
    shutil.copytree(package.folder, copy)
    pdf = next(p for p in copy.iterdir() if p.suffix == ".pdf")
    pdf.write_bytes(pdf.read_bytes() + b"\n")
    assert verify_package(copy) == [pdf.name]


def test_handover_book_copy_has_the_same_balances(demo, package):
    copy = next(package.folder / f.name for f in package.files if f.name.endswith(".finsam"))
    y = demo.year_by_label("2025")
    with Book.open(copy, read_only=True) as b:
        assert b.trial_balance(y.id) == demo.trial_balance(y.id)
        assert b.count_vouchers() == demo.count_vouchers()


def test_handover_never_overwrites_a_package(demo, package):
    with pytest.raises(BookFileError, match="finns redan"):
        make_handover(demo, demo.year_by_label("2025").id, package.folder.parent)


def test_xlsx_statements_equal_the_report(demo, tmp_path):
    y = demo.year_by_label("2025")
    report = build_report(demo, y.id)
    path = write_xlsx(build_document(demo, report.year_id, report=report, with_ledger=True), tmp_path / "a.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == list(SHEETS)
    for st, name in zip(report.statements, SHEETS):
        ws = wb[name]
        header = [c.value for c in ws[4]]
        assert header[:4] == ["Post", "Not", "2025", "2024"]
        id_col = header.index("Rad-id")
        assert ws.freeze_panes == "A5"
        got = {row[id_col].value: row for row in ws.iter_rows(min_row=5) if row[id_col].value}
        for r in st.rows:
            if r.kind == "heading":
                continue
            assert got[r.id][2].value * 100 == r.amount, (name, r.id)
            if r.previous is not None:
                assert got[r.id][3].value * 100 == r.previous
            assert got[r.id][2].number_format.startswith("#,##0")


def test_xlsx_huvudbok_ends_on_each_accounts_closing_balance(demo, tmp_path):
    y = demo.year_by_label("2025")
    wb = load_workbook(write_xlsx(build_document(demo, y.id, with_ledger=True), tmp_path / "b.xlsx"))
    ws = wb["Huvudbok"]
    closing = {row[0].value: row[8].value for row in ws.iter_rows(min_row=5)
               if row[4].value == "Utgående saldo"}
    for line in demo.trial_balance(y.id):
        want = line.closing if line.kind in ("T", "S") else line.period
        assert round(closing[line.account] * 100) == want, line.account


def test_handover_command(demo, tmp_path, capsys):
    assert main(["handover", str(demo.path), "--year", "2025", "-o", str(tmp_path)]) == 0
    text = capsys.readouterr().out
    assert "Överlämningspaketet för 2025" in text and ".zip" in text
    (tmp_path / "en fil").write_text("x")  # a file where the folder should be: refused
    assert main(["handover", str(demo.path), "--year", "2025", "-o", str(tmp_path / "en fil")]) == 2
    assert "är en fil, inte en mapp" in capsys.readouterr().err


@pytest.fixture(scope="module")
def ledger_book(tmp_path_factory):
    """1 500 invoices paid from the bank: a huvudbok of 3 000 lines on two accounts."""
    b = Book.create(tmp_path_factory.mktemp("huvudbok") / "h.finsam", namn="Testförbundet",
                    orgnr="222000-1354", year_start="2021-01-01", year_end="2021-12-31")
    b.set_opening_balances(b.years()[0].id, {1930: 500_000_00, 2010: -500_000_00})
    b.book_vouchers(sorted((f"2021-{1 + i % 12:02d}-{1 + i % 28:02d}", f"Faktura {i}",
                            [(6110, 100_00 + i), (1930, -(100_00 + i))]) for i in range(1500)))
    yield b
    b.close()


def test_xlsx_is_streamed_so_memory_does_not_grow_with_the_huvudbok(ledger_book, tmp_path):
    """The workbook is written in openpyxl's write-only mode: rows go to the file as they
    are made. Kept in memory, the 3 000 huvudbok lines cost about 10 MB; streamed, the
    whole workbook stays under 4 MB."""
    import tracemalloc

    report = build_report(ledger_book, ledger_book.years()[0].id)
    tracemalloc.start()
    try:
        write_xlsx(build_document(ledger_book, report.year_id, report=report, with_ledger=True), tmp_path / "h.xlsx")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4_000_000, f"{peak / 1e6:.1f} MB"
    ws = load_workbook(tmp_path / "h.xlsx", read_only=True)["Huvudbok"]
    assert sum(1 for _ in ws.iter_rows(min_row=5)) == 3_000 + 3 * 2  # IB and UB of 1930, 2010, 6110


def test_xlsx_huvudbok_read_in_pages_keeps_the_running_balance(ledger_book, tmp_path, monkeypatch):
    """The huvudbok reads an account a page at a time; across page boundaries the saldo
    column runs on without a jump and the frozen header, filter, widths and number
    formats are those of the sheet's first version."""
    import finsam_desktop.reports.document as document

    monkeypatch.setattr(document, "LEDGER_PAGE", 7)
    y = ledger_book.years()[0]
    wb = load_workbook(write_xlsx(build_document(ledger_book, y.id, with_ledger=True), tmp_path / "p.xlsx"))
    ws = wb["Huvudbok"]
    assert ws.freeze_panes == "A5" and ws.auto_filter.ref == f"A4:I{4 + 3_000 + 3 * 2}"
    assert [ws.column_dimensions[c].width for c in "ABCDEFGHI"] == [8, 34, 12, 13, 44, 10, 15, 15, 16]
    rows = [r for r in ws.iter_rows(min_row=5) if r[0].value == 1930]
    balance = round(rows[0][8].value * 100)
    assert balance == 500_000_00 and rows[0][4].value == "Ingående balans"
    for r in rows[1:-1]:
        balance += round((r[6].value or 0) * 100) - round((r[7].value or 0) * 100)
        assert round(r[8].value * 100) == balance
        assert r[8].number_format == '#,##0.00;-#,##0.00;"–"'
        assert r[7].number_format == '#,##0.00;-#,##0.00;"–"'
    last = rows[-1]
    assert last[4].value == "Utgående saldo" and last[4].font.b
    assert round(last[8].value * 100) == balance == ledger_book.balance_at(y.end)[1930]


def test_xlsx_row_with_two_notes_names_both(demo, tmp_path):
    """Kortfristiga skulder is explained by two notes (its specification and the
    interimsskulder per insats): the Not column says "5, 6", not only the first."""
    y = demo.year_by_label("2025")
    report = build_report(demo, y.id)
    row = report.balansrakning.row("kortfristiga_skulder")
    assert len(row.notes) == 2
    ws = load_workbook(write_xlsx(build_document(demo, report.year_id, report=report, with_ledger=True), tmp_path / "n.xlsx"))["Balansräkning"]
    cells = {r[-1].value: r for r in ws.iter_rows(min_row=5)}
    assert cells["kortfristiga_skulder"][1].value == ", ".join(str(n) for n in row.notes)
    assert cells["summa_tillgangar"][1].value is None


def test_xlsx_delar_balance_sheet_compares_with_last_years_bokslutsdag(demo, tmp_path):
    """In a delårsrapport the balansräkning and its notes compare with 2024-12-31 (RKR R17);
    resultaträkning and kassaflödesanalys with the same half year of 2024."""
    y = demo.year_by_label("2025")
    report = build_report(demo, y.id, date_to="2025-06-30")
    assert report.previous_balance_date == "2024-12-31"
    wb = load_workbook(write_xlsx(build_document(demo, report.year_id, report=report, with_ledger=True), tmp_path / "d.xlsx"))
    assert [c.value for c in wb["Balansräkning"][4]][:4] == ["Post", "Not", "2025-06-30", "2024-12-31"]
    for name in ("Resultaträkning", "Kassaflödesanalys"):
        assert [c.value for c in wb[name][4]][2:4] == ["2025-01-01 – 2025-06-30", "2024-01-01 – 2024-06-30"]
    br = {r[-1].value: r for r in wb["Balansräkning"].iter_rows(min_row=5)}
    assert round(br["kassa_och_bank"][3].value * 100) == report.balansrakning.row("kassa_och_bank").previous \
        == demo.balance_at("2024-12-31", accounts=[1930])[1930]
    notes = wb["Noter"]
    titles = {r[3].value: r for r in notes.iter_rows(min_row=5) if r[3].value}
    assert [c.value for c in titles["fordringar"][1:3]] == ["2025-06-30", "2024-12-31"]
    assert [c.value for c in titles["verksamhetens_intakter"][1:3]] == [None, None]  # the sheet's header


def test_produced_draft_pdf_lists_the_kontroller_warnings_apart_from_the_report_checks(demo, tmp_path):
    """What the wizard passes on (the kontroller's warnings) lands under "Att åtgärda före
    beslut" in the draft, not among the report's own checks of sums and notes."""
    import pypdf

    from finsam_desktop.closing.produce import produce

    y = demo.year_by_label("2025")
    warning = "Momsfordran är 4 720,00 kr. Kontrollera att ersättningen begärs varje månad."
    [(_what, path)] = produce(demo, y.id, y.end, tmp_path, pdf=True, sie=False, xlsx=False,
                              warnings=[warning])
    page = pypdf.PdfReader(path).pages[1].extract_text().replace("\n", " ")
    todo, checks = page.split("Kontroller inför beslut")
    assert "Att åtgärda före beslut" in todo and warning in todo
    n = len(build_report(demo, y.id).kontroller)
    assert f"Alla {n} kontroller av rapportens summor och samband är uppfyllda" in checks


def test_handover_holds_the_years_underlag_named_by_verifikation_with_an_index(demo, package):
    import csv
    y = demo.year_by_label("2025")
    index = next(package.folder / f.name for f in package.files if f.name.startswith("Underlag") and f.name.endswith(".csv"))
    rows = list(csv.reader(index.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0] == ["verifikation", "datum", "fil", "originalnamn", "sha256", "byte"]
    assert len(rows) - 1 == demo.count_vouchers(__import__("finsam_desktop.book", fromlist=["VoucherFilter"])
                                                .VoucherFilter(year_id=y.id))
    first = rows[1]
    assert first[0] == "A 1" and first[2].startswith("Underlag 2025 UTKAST/2025 A 0001 – ")
    assert hashlib.sha256((package.folder / first[2]).read_bytes()).hexdigest() == first[4]
    with zipfile.ZipFile(package.zip_path) as zf:
        assert f"{package.folder.name}/{first[2]}" in zf.namelist()


def test_handover_makes_the_output_folder_as_the_readme_shows(demo, tmp_path, capsys):
    """`finsam handover BOOK --year 2025 -o overlamning/`: the folder is made, not refused."""
    out = tmp_path / "overlamning"
    assert not out.exists()
    code = main(["handover", str(demo.path), "--year", "2025", "-o", str(out) + "/"])
    assert code == 0, capsys.readouterr().err
    zips = list(out.glob("*.zip"))
    assert len(zips) == 1 and verify_package(zips[0].with_suffix("")) == []
    blocker = tmp_path / "fil"
    blocker.write_text("x")
    with pytest.raises(BookFileError, match="är en fil, inte en mapp"):
        make_handover(demo, demo.year_by_label("2025").id, blocker)
