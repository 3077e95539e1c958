"""finsam attach, attachments, attest, unattested, invoice, invoices and pay-invoice."""

from __future__ import annotations

import json

from conftest import refused, run_cli
from underlag_helpers import pdf


def test_attach_list_extract_and_refusals(book, tmp_path, capsys):
    book.book_voucher("2021-02-01", "Hyra", [(5010, 100_00), (1930, -100_00)])
    book.close()
    f = tmp_path / "faktura.pdf"
    f.write_bytes(pdf())
    code, out, _ = run_cli(capsys, "attach", book.path, "--voucher", "A 1", f)
    assert code == 0 and out.startswith("A 1: faktura.pdf (")
    code, out, _ = run_cli(capsys, "attachments", book.path, "--json")
    (item,) = json.loads(out)
    assert (item["ref"], item["file_name"], item["size"]) == ("A 1", "faktura.pdf", len(pdf()))
    ex = tmp_path / "ut"
    ex.mkdir()
    code, out, _ = run_cli(capsys, "attachments", book.path, "--extract", ex)
    assert (ex / "2021 A 0001 – faktura.pdf").read_bytes() == pdf()
    fake = tmp_path / "falsk.pdf"
    fake.write_text("inte en pdf")
    refused(capsys, book.path, "attach", book.path, "--voucher", "A 1", fake, match="falsk.pdf: filen heter .pdf")
    refused(capsys, book.path, "attach", book.path, "--voucher", "A 7", f, match="Verifikation A 7 finns inte")


def test_invoice_attest_and_pay_from_the_command_line(book, tmp_path, capsys):
    book.add_counterpart("Kontorsbolaget AB")
    book.close()
    f = tmp_path / "f.pdf"
    f.write_bytes(pdf())
    args = ["invoice", book.path, "--supplier", "Kontorsbolaget AB", "--number", "F-1", "--date", "2021-03-01",
            "--due", "2021-03-31", "--amount", "1 250", "--moms", "250", "--account", "6410", "--file", f]
    code, out, _ = run_cli(capsys, *args)
    assert code == 0 and "registrerad (id 1) och bokförd som A 1: 1 250,00 kr" in out
    refused(capsys, book.path, *args, match="Faktura F-1 från Kontorsbolaget AB är redan registrerad")
    code, out, _ = run_cli(capsys, "invoices", book.path, "--today", "2021-04-01")
    assert "FÖRFALLEN" in out and "1 obetalda (1 250,00 kr), varav 1 förfallna den 2021-04-01." in out
    refused(capsys, book.path, "pay-invoice", book.path, "1", "--date", "2021-03-30", match="inte attesterad")
    assert run_cli(capsys, "attestants", book.path, "--add", "Kristina Wallin", "--limit", "1000")[0] == 0
    refused(capsys, book.path, "attest", book.path, "--voucher", "A 1", "--attestant", "Kristina Wallin",
            match="över Kristina Wallins beloppsgräns 1 000,00 kr")
    assert run_cli(capsys, "attestants", book.path, "--add", "Anna Sjöberg")[0] == 0
    code, out, _ = run_cli(capsys, "unattested", book.path, "--json")
    assert [u["ref"] for u in json.loads(out)] == ["A 1"]
    assert run_cli(capsys, "attest", book.path, "--voucher", "A 1", "--attestant", "Anna Sjöberg")[0] == 0
    code, out, _ = run_cli(capsys, "pay-invoice", book.path, "1", "--date", "2021-03-30")
    assert code == 0 and "betald 2021-03-30 (A 2)" in out
    code, out, _ = run_cli(capsys, "invoices", book.path, "--today", "2021-04-01")
    assert "0 obetalda (0,00 kr)" in out


def test_attest_sample_writes_the_report_and_the_underlag(book, tmp_path, capsys):
    from finsam_desktop.ops import underlag as ops
    for d in range(1, 6):
        v = book.book_voucher(f"2021-02-{d:02d}", f"V{d}", [(5010, 100_00), (1930, -100_00)])
        ops.attach(book, [ops.check_underlag(f"u{d}.pdf", pdf(str(d)))], voucher_id=v.id)
    book.close()
    out_dir = tmp_path / "prov"
    out_dir.mkdir()
    code, out, _ = run_cli(capsys, "attest-sample", book.path, "--count", "3", "--seed", "5", "--out", out_dir)
    assert code == 0 and "Stickprov med 3 verifikationer" in out
    files = sorted(p.name for p in out_dir.iterdir())
    assert "Stickprov 2021.pdf" in files and len(files) == 4
    assert (out_dir / "Stickprov 2021.pdf").read_bytes().startswith(b"%PDF")
