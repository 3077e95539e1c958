"""The handover package's added files on the demo book: the verifikationslista adds up
to the ledger, the log names every rättelse, the kontrollrapport gives the bank figure
and its difference, the SUS workbook is there, and a draft year's files say UTKAST."""

from __future__ import annotations

import csv
import io
import json

import pytest

from finsam_desktop.closing.handover import make_handover
from finsam_desktop.demo import build_demo
from finsam_desktop.book import VoucherFilter


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    demo = build_demo(tmp_path_factory.mktemp("demo") / "demo.finsam")
    out = tmp_path_factory.mktemp("ut")
    pkg = make_handover(demo, demo.year_by_label("2025").id, out)
    yield demo, pkg
    demo.close()


def _file(pkg, start: str):
    return next(pkg.folder / f.name for f in pkg.files if f.name.startswith(start))


def test_verifikationslista_holds_every_row_of_the_year(package):
    demo, pkg = package
    path = _file(pkg, "Verifikationslista")
    assert path.name == "Verifikationslista 2025 UTKAST.csv"
    text = path.read_text(encoding="utf-8-sig")
    lines = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert lines[0][0].startswith("UTKAST")
    assert lines[1][:4] == ["Serie", "Nummer", "Datum", "Text"]
    rows = lines[2:]
    y = demo.year_by_label("2025")
    assert len(rows) == sum(len(r) for *_h, r in demo.iter_year_vouchers(y.id))

    def ore(s):
        return int(s.replace(" ", "").replace("\u00a0", "").replace(",", "")) if s else 0
    assert sum(ore(r[8]) for r in rows) == sum(ore(r[9]) for r in rows) > 0
    debit_1930 = sum(ore(r[8]) - ore(r[9]) for r in rows if r[4] == "1930")
    assert debit_1930 == demo.movements(y.start, y.end).get(1930)
    assert any(r[7] == "Kramfors kommun" for r in rows)


def test_log_lists_every_rattelse_and_the_control_report_the_bank_difference(package):
    demo, pkg = package
    log = json.loads(_file(pkg, "Logg").read_text(encoding="utf-8"))
    y = demo.year_by_label("2025")
    corrections = [v for v in demo.list_vouchers(VoucherFilter(year_id=y.id)) if v.corrects_id is not None]
    assert [r["verifikation"] for r in log["rattelser"]] == [v.ref for v in corrections]
    assert any(r["rattar"] == "A 44" for r in log["rattelser"])
    assert log["utkast"] is True and len(log["logg"]) == len(demo.audit_log())
    report = _file(pkg, "Kontrollrapport").read_text(encoding="utf-8")
    assert "Bank (konto 1930) enligt bokföringen 2025-12-31: 926 388,00 kr" in report
    assert "Skillnad: 0,00 kr" in report and "[OK     ] Banksaldo mot kontoutdrag" in report
    assert _file(pkg, "SUS").stat().st_size > 0


def test_every_file_of_a_draft_year_says_utkast(package):
    _demo, pkg = package
    assert all(" UTKAST." in f.name for f in pkg.files), [f.name for f in pkg.files]
