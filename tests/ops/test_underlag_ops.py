"""Attaching underlag (bad input refused, nothing written), exporting them named by
verifikation, attest per the attestordning, leverantörsfakturor, and the kontroll."""

from __future__ import annotations

import csv

import pytest

from finsam_desktop.book import underlag as store
from finsam_desktop.closing.checks import run_checks
from finsam_desktop.errors import InputError, RuleError
from finsam_desktop.ops import attest, invoices
from finsam_desktop.ops import underlag as ops
from underlag_helpers import pdf, png


@pytest.fixture
def supplier(book):
    return book.add_counterpart("Kontorsbolaget AB")


def _state(book):
    return (book.conn.execute("SELECT count(*) FROM attachment").fetchone()[0], store.store_of(book).stats(),
            book.count_vouchers(), len(invoices.invoices(book)))


@pytest.mark.parametrize("name, data, match", [
    ("faktura.pdf", b"hello, not a pdf", "heter .pdf men innehållet är ingen PDF"),
    ("kvitto.jpg", png(), "heter .jpg men innehållet är PNG-bild"),
    ("tom.png", b"", "filen är tom"),
    ("faktura.docx", pdf(), "filtypen ”.docx” kan inte bifogas"),
])
def test_bad_files_are_refused_by_name_and_nothing_is_written(book, tmp_path, name, data, match):
    v = book.book_voucher("2021-02-01", "Hyra", [(5010, 100_00), (1930, -100_00)])
    good = tmp_path / "bra.pdf"
    good.write_bytes(pdf())
    bad = tmp_path / name
    bad.write_bytes(data)
    before = _state(book)
    with pytest.raises(InputError, match=match) as exc:
        ops.attach_files(book, [good, bad], voucher_id=v.id)
    assert name in exc.value.message
    assert _state(book) == before


def test_oversized_file_is_refused_before_reading(book, tmp_path, monkeypatch):
    monkeypatch.setattr("finsam_desktop.ops.underlag.MAX_BYTES", 1024)
    v = book.book_voucher("2021-02-01", "Hyra", [(5010, 100_00), (1930, -100_00)])
    big = tmp_path / "stor.pdf"
    big.write_bytes(pdf() + b"%" * 2000)
    with pytest.raises(InputError, match=r"stor.pdf: filen är 0,0 MB; ett underlag får vara högst 0,0 MB"):
        ops.attach_files(book, [big], voucher_id=v.id)
    assert ops.list_attachments(book) == []


def test_export_names_files_by_verifikation_with_an_index(book, tmp_path):
    y = book.years()[0]
    vs = [book.book_voucher(f"2021-02-{d:02d}", f"V{d}", [(5010, 100_00), (1930, -100_00)]) for d in range(1, 12)]
    ops.attach(book, [ops.check_underlag("f.pdf", pdf("1"))], voucher_id=vs[0].id)
    ops.attach(book, [ops.check_underlag("f.pdf", pdf("2")), ops.check_underlag("f.pdf", pdf("3"))],
               voucher_id=vs[10].id)
    out = tmp_path / "ut"
    out.mkdir()
    written = ops.export_attachments(book, out, year_id=y.id)
    names = [p.name for p, _a in written]
    assert names == ["2021 A 0001 – f.pdf", "2021 A 0011 – f.pdf", "2021 A 0011 – f (2).pdf"]
    rows = list(csv.reader((out / "index.csv").read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0] == ["verifikation", "datum", "fil", "originalnamn", "sha256", "byte"]
    assert rows[2][:3] == ["A 11", "2021-02-11", "2021 A 0011 – f.pdf"]
    assert rows[3][4] == store.sha256_hex(pdf("3")) == store.sha256_hex((out / rows[3][2]).read_bytes())


def test_attest_rules(book):
    y = book.years()[0]
    small = book.book_voucher("2021-02-01", "Kontorsmaterial", [(6410, 500_00), (1930, -500_00)])
    large = book.book_voucher("2021-02-02", "Insats", [(4530, 200_000_00), (1930, -200_000_00)])
    with pytest.raises(RuleError, match="Inga attestanter är registrerade för 2021"):
        attest.attest(book, small.id, "Kristina")
    attest.add_attestant(book, y.id, "Kristina Wallin", role="Förbundschef", limit=100_000_00)
    attest.add_attestant(book, y.id, "Anna Sjöberg", role="Ordförande")
    with pytest.raises(RuleError, match="redan bland attestanterna"):
        attest.add_attestant(book, y.id, "anna sjöberg")
    with pytest.raises(RuleError, match="”Per” är inte attestant för 2021"):
        attest.attest(book, small.id, "Per")
    with pytest.raises(RuleError, match="200 000,00 kr, över Kristina Wallins beloppsgräns 100 000,00 kr"):
        attest.attest(book, large.id, "Kristina Wallin")
    assert [u.ref for u in attest.unattested(book, y.id)] == ["A 1", "A 2"]
    done = attest.attest(book, small.id, "kristina wallin", at="2021-02-03T10:00:00Z")
    assert (done.attestant, done.attested_at) == ("Kristina Wallin", "2021-02-03T10:00:00Z")
    with pytest.raises(RuleError, match="A 1 är redan attesterad av Kristina Wallin \\(2021-02-03\\)"):
        attest.attest(book, small.id, "Anna Sjöberg")
    attest.attest(book, large.id, "Anna Sjöberg")
    assert attest.unattested(book, y.id) == []
    import sqlite3
    raw = sqlite3.connect(str(book.path))
    with pytest.raises(sqlite3.DatabaseError, match="attest kan inte"):
        raw.execute("DELETE FROM attest")
    raw.close()


def test_attest_in_a_closed_year_is_refused(book):
    y = book.years()[0]
    v = book.book_voucher("2021-02-01", "Hyra", [(5010, 100_00), (1930, -100_00)])
    attest.add_attestant(book, y.id, "Anna")
    book.add_year("2022-01-01", "2022-12-31")
    book.set_year_status(y.id, "closed")
    with pytest.raises(RuleError, match="2021 är stängt"):
        attest.attest(book, v.id, "Anna")


def test_control_sample_is_repeatable_and_in_date_order(book):
    y = book.years()[0]
    book.book_vouchers([(f"2021-{m:02d}-10", f"V{m}", [(5010, m * 100), (1930, -m * 100)]) for m in range(1, 13)])
    a = attest.control_sample(book, y.id, 4, seed=11)
    b = attest.control_sample(book, y.id, 4, seed=11)
    assert [i.voucher.ref for i in a] == [i.voucher.ref for i in b]
    assert len(a) == 4 and [i.voucher.date for i in a] == sorted(i.voucher.date for i in a)
    assert len(attest.control_sample(book, y.id, 50, seed=1)) == 12


def test_invoice_is_booked_as_leverantorsskuld_and_paid_after_attest(book, supplier):
    y = book.years()[0]
    inv = invoices.register_invoice(book, supplier="Kontorsbolaget AB", invoice_number="F-1001",
                                    invoice_date="2021-03-01", due_date="2021-03-31", amount=1_250_00,
                                    moms=250_00, account=6410, files=[ops.check_underlag("f.pdf", pdf())],
                                    registered_by="Jonas Ek")
    v = book.voucher(inv.voucher_id)
    assert [(r.account, r.amount) for r in v.rows] == [(6410, 1_000_00), (1640, 250_00), (2440, -1_250_00)]
    assert v.text == "Kontorsbolaget AB: faktura F-1001"
    assert [a.file_name for a in ops.list_attachments(book, voucher_id=v.id)] == ["f.pdf"]
    assert attest.registrar_of(book, v.id) == "Jonas Ek"
    status = invoices.open_invoices(book, "2021-04-01")
    assert [i.id for i in status.unpaid] == [i.id for i in status.overdue] == [inv.id]
    assert invoices.open_invoices(book, "2021-03-31").overdue == ()
    with pytest.raises(RuleError, match="F-1001 från Kontorsbolaget AB är inte attesterad"):
        invoices.pay_invoice(book, inv.id, "2021-03-30")
    attest.add_attestant(book, y.id, "Kristina Wallin")
    attest.attest(book, v.id, "Kristina Wallin")
    paid = invoices.pay_invoice(book, inv.id, "2021-03-30")
    pv = book.voucher(paid.payment_voucher_id)
    assert (paid.paid_on, [(r.account, r.amount) for r in pv.rows]) == ("2021-03-30", [(2440, 1_250_00), (1930, -1_250_00)])
    assert book.balance_at("2021-12-31", accounts=[2440]).get(2440, 0) == 0
    assert invoices.open_invoices(book, "2021-04-01").unpaid == ()
    with pytest.raises(RuleError, match="redan markerad som betald \\(2021-03-30, verifikation A 2\\)"):
        invoices.pay_invoice(book, inv.id, "2021-04-02")


def test_the_same_invoice_twice_is_refused_and_nothing_written(book, supplier):
    kw = dict(supplier=supplier.id, invoice_number="F-7", invoice_date="2021-03-01", due_date="2021-03-31",
              amount=500_00, account=6410)
    invoices.register_invoice(book, **kw)
    before = _state(book)
    with pytest.raises(RuleError, match="Faktura F-7 från Kontorsbolaget AB är redan registrerad"):
        invoices.register_invoice(book, **kw)
    assert _state(book) == before
    other = book.add_counterpart("Annan AB")
    invoices.register_invoice(book, **dict(kw, supplier=other.id))  # another supplier's F-7 is fine


@pytest.mark.parametrize("change, match", [
    (dict(due_date="2021-02-01"), "Förfallodagen 2021-02-01 ligger före fakturadatumet"),
    (dict(amount=0), "större än noll"),
    (dict(supplier="Okänd AB"), "”Okänd AB” finns inte bland motparterna"),
    (dict(invoice_date="2021-13-01"), "fakturadatum"),
    (dict(account=9999), "konto 9999 finns inte"),
])
def test_bad_invoice_is_refused(book, supplier, change, match):
    kw = dict(supplier=supplier.id, invoice_number="F-8", invoice_date="2021-03-01", due_date="2021-03-31",
              amount=500_00, account=6410)
    before = _state(book)
    with pytest.raises((InputError, RuleError), match=match):
        invoices.register_invoice(book, **{**kw, **change})
    assert _state(book) == before


def test_mark_paid_from_bank_checks_the_payment(book, supplier):
    a = invoices.register_invoice(book, supplier=supplier.id, invoice_number="1", invoice_date="2021-03-01",
                                  due_date="2021-03-31", amount=300_00, account=6410)
    b = invoices.register_invoice(book, supplier=supplier.id, invoice_number="2", invoice_date="2021-03-02",
                                  due_date="2021-04-01", amount=200_00, account=6410)
    wrong = book.book_voucher("2021-03-20", "Bank", [(6410, 300_00), (1930, -300_00)])
    with pytest.raises(RuleError, match="betalar inte 300,00 kr av leverantörsskulden"):
        invoices.mark_paid_from_bank(book, a.id, wrong.id)
    both = book.book_voucher("2021-03-25", "Betalning två fakturor",
                             [(2440, 500_00, None, supplier.id), (1930, -500_00)])
    assert invoices.mark_paid_from_bank(book, a.id, both.id).paid_on == "2021-03-25"
    assert invoices.mark_paid_from_bank(book, b.id, both.id).is_paid
    c = invoices.register_invoice(book, supplier=supplier.id, invoice_number="3", invoice_date="2021-03-03",
                                  due_date="2021-04-01", amount=100_00, account=6410)
    with pytest.raises(RuleError, match="betalar inte 100,00 kr"):
        invoices.mark_paid_from_bank(book, c.id, both.id)  # its 500 kr already pay a and b


def test_check_lists_verifikationer_without_underlag(book):
    y = book.years()[0]
    v1 = book.book_voucher("2021-02-01", "Hyra", [(5010, 100_00), (1930, -100_00)])
    book.book_voucher("2021-02-02", "Hyra 2", [(5010, 100_00), (1930, -100_00)])
    found = {f.check: f for f in run_checks(book, y.id)}
    assert found["underlag"].severity == "warning"
    assert "2 verifikationer i perioden saknar underlag: A 1 (2021-02-01), A 2 (2021-02-02)" in found["underlag"].message
    ops.attach(book, [ops.check_underlag("a.pdf", pdf())], voucher_id=v1.id)
    found = {f.check: f for f in run_checks(book, y.id)}
    assert "1 verifikation i perioden saknar underlag: A 2 (2021-02-02)" in found["underlag"].message
    assert found["underlag"].title == "Verifikationer utan underlag"
