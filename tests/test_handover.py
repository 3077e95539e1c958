"""The handover package and the Excel workbook for kommunens ekonom, on the demo book."""

from __future__ import annotations

import hashlib
import zipfile

import pytest
from openpyxl import load_workbook

from finsam_desktop.book import Book
from finsam_desktop.cli import main
from finsam_desktop.closing.handover import README_NAME, SUMS_NAME, make_handover, verify_package
from finsam_desktop.demo import build_demo
from finsam_desktop.errors import BookFileError
from finsam_desktop.render.xlsx import SHEETS, write_xlsx
from finsam_desktop.reports import build_report


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


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_handover_sha256_list_matches_the_files(package):
    names = {f.name for f in package.files}
    assert {n.rsplit(".", 1)[1] for n in names} == {"pdf", "se", "xlsx", "json", "finsam"}
    readme = (package.folder / README_NAME).read_text(encoding="utf-8")
    for f in package.files:
        assert f.sha256 == _sha(package.folder / f.name)
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
    path = write_xlsx(report, demo, tmp_path / "a.xlsx")
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
    wb = load_workbook(write_xlsx(build_report(demo, y.id), demo, tmp_path / "b.xlsx"))
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
    assert main(["handover", str(demo.path), "--year", "2025", "-o", str(tmp_path / "saknas")]) == 2
