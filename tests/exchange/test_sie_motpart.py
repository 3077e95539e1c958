"""The motpart of every row goes out as an object of its own declared dimension and comes
back in with the same motpart on the same row."""

from __future__ import annotations

from finsam_desktop.book import Book
from finsam_desktop.book.underlag import year_registrars
from finsam_desktop.demo import build_demo
from finsam_desktop.exchange.sie_import import import_sie
from finsam_desktop.exchange.sie_model import MOTPART_DIM
from finsam_desktop.exchange.sie_writer import export_sie


def rows_with_motpart(book: Book, label: str) -> list:
    name = {c.id: c.name for c in book.counterparts()}
    code = {p.id: p.code for p in book.projects()}
    out = []
    for series, number, _d, _t, _b, rows in book.iter_year_vouchers(book.year_by_label(label).id):
        out.append((series, number, tuple((r[0], r[1], r[2], name.get(r[4])) for r in rows)))
    return out


def test_sie_export_reimports_with_the_same_motpart_per_row(tmp_path):
    demo = build_demo(tmp_path / "demo.finsam")
    try:
        out = tmp_path / "demo.se"
        export_sie(demo, demo.year_by_label("2025"), out)
        text = out.read_bytes().decode("cp437")
        assert f'#DIM {MOTPART_DIM} "Motpart"' in text
        kommun = demo.counterpart_by_name("Kramfors kommun")
        assert f'#OBJEKT {MOTPART_DIM} "{kommun.id}" "Kramfors kommun"' in text
        assert f'{{6 "SAMK" {MOTPART_DIM} "{kommun.id}"}}' in text
        report = import_sie(out, tmp_path / "back.finsam")
        assert not [f for f in report.findings if "dimension" in f.message]
        before = rows_with_motpart(demo, "2025")
    finally:
        demo.close()
    with Book.open(tmp_path / "back.finsam") as back:
        after = rows_with_motpart(back, "2025")
    assert after == before
    with_motpart = [r for v in before for r in v[2] if r[3]]
    assert len(with_motpart) > 200
    assert ("Kramfors kommun" in {r[3] for r in with_motpart}
            and "Revisionsbyrån Ådalen KB" in {r[3] for r in with_motpart})


def test_sie_export_writes_the_budget_as_pbudget_per_month(tmp_path):
    demo = build_demo(tmp_path / "demo.finsam")
    try:
        y = demo.year_by_label("2025")
        out = tmp_path / "demo.se"
        export_sie(demo, y, out)
        budget = demo.budget(y.id)
    finally:
        demo.close()
    lines = [ln.split() for ln in out.read_bytes().decode("cp437").splitlines() if ln.startswith("#PBUDGET 0 ")]
    assert {ln[2] for ln in lines} == {f"2025{m:02d}" for m in range(1, 13)}
    total = sum(round(float(ln[-1]) * 100) for ln in lines)
    assert total == sum(b.amount for b in budget) != 0
    driftbidrag = next(b for b in budget if b.label == "Driftbidrag från medlemmarna")
    on_first = [ln for ln in lines if ln[3] == str(driftbidrag.account_from) and ln[4] == "{}"]
    assert sum(round(float(ln[-1]) * 100) for ln in on_first) == driftbidrag.amount == -2_592_000_00
    assert ["#PBUDGET", "0", "202501", "3000", "{}", "-216000.00"] in lines


def test_sie_export_names_who_registered_a_verifikation_in_the_ver_sign_field(tmp_path):
    demo = build_demo(tmp_path / "demo.finsam")
    try:
        y = demo.year_by_label("2025")
        out = tmp_path / "demo.se"
        export_sie(demo, y, out)
        signed = year_registrars(demo, y.id)
    finally:
        demo.close()
    assert len(signed) > 20
    heads = {}
    for ln in out.read_bytes().decode("cp437").splitlines():
        if ln.startswith("#VER "):
            parts = ln.split('"')
            series, number = ln.split()[1].strip('"'), int(ln.split()[2])
            # '#VER "A" 12 20250105 "text" 20250107 "sign"': the sign is the last quoted field
            heads[(series, number)] = parts[-2] if len(parts) >= 7 else None
    assert len(heads) > len(signed)
    assert {k: heads[k] for k in signed} == signed
    assert all(heads[k] is None for k in heads if k not in signed)
