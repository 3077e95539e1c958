"""Mallar (recurring verifikationer) and a new räkenskapsår with last year's figures as
proposals: the operations and the command line, with the demo book's real figures."""

from __future__ import annotations


import pytest

from conftest import refused
from conftest import run_cli as run
from old_books import old_book
from finsam_desktop.book import Book, VoucherFilter
from finsam_desktop.book.schema import MIGRATIONS, SCHEMA_VERSION, V_MALL, V_SAFETY
from finsam_desktop.demo import build_demo
from finsam_desktop.errors import FinsamError, InputError, RuleError
from finsam_desktop.ops import templates as T
from finsam_desktop.ops.year_proposals import add_year_with_proposals, available_proposals


@pytest.fixture
def demo(tmp_path):
    b = build_demo(tmp_path / "demo.finsam")
    yield b
    b.close()


def _salary_voucher(book: Book):
    y = book.year_by_label("2025")
    s = next(v for v in book.list_vouchers(VoucherFilter(year_id=y.id, text="Lön och arvoden 2025-05")))
    return book.voucher(s.id)


def test_mall_is_a_migration_of_its_own_after_the_safety_tables():
    assert MIGRATIONS.count(V_MALL) == 1 and MIGRATIONS.index(V_MALL) > MIGRATIONS.index(V_SAFETY)
    assert SCHEMA_VERSION == len(MIGRATIONS)


def test_demo_book_has_three_mallar_on_accounts_of_its_chart(demo):
    ts = {t.name: t for t in T.templates(demo)}
    assert list(ts) == ["Arvoden styrelsen", "Hyra", "Löner"]
    accounts = {a.number for a in demo.accounts()}
    assert all(r.account in accounts for t in ts.values() for r in t.rows)
    assert [(r.account, r.amount) for r in ts["Hyra"].rows] == [(6110, 5_200_00), (1640, 1_300_00),
                                                                (2440, -6_500_00)]
    assert [r.amount for r in ts["Löner"].rows][-1] is None          # nettolön: the difference
    assert all(r.amount is None for r in ts["Arvoden styrelsen"].rows)


def test_mall_saved_from_a_demo_verifikation_reproduces_its_rows(demo):
    v = _salary_voucher(demo)
    t = T.save_template_from_voucher(demo, v.id, "Lön maj")
    assert t.text == v.text == "Lön och arvoden 2025-05"
    assert [(r.account, r.amount, r.text) for r in t.rows] == [(r.account, r.amount, r.text) for r in v.rows]
    assert sum(r.amount for r in t.rows) == 0 and len(t.rows) == len(v.rows) >= 5
    # Used with a date it gives the same rows again, and books a balanced verifikation.
    booked = T.book_template(demo, "lön MAJ", "2025-12-29")
    assert booked.date == "2025-12-29" and booked.text == v.text
    assert [(r.account, r.amount) for r in booked.rows] == [(r.account, r.amount) for r in v.rows]
    # The name is unique; replace only on request.
    with pytest.raises(RuleError, match="redan en mall som heter ”Lön maj”"):
        T.save_template_from_voucher(demo, v.id, "Lön maj")
    T.save_template(demo, "Lön maj", "Ny text", [(5010, 100_00), (1930, -100_00)], replace=True)
    assert T.template_by_name(demo, "Lön maj").text == "Ny text"


def test_use_fills_one_empty_amount_with_the_exact_difference(demo):
    use = T.use_template(demo, "Löner", "2025-11-25")
    # 45 500 + 14 296,10 − 13 650 − 14 296,10: the nettolön 31 850,00 on kredit 1930.
    assert use.filled_row == 4 and use.rows[4].account == 1930 and use.rows[4].amount == -31_850_00
    assert use.complete and use.difference == 0 and use.date == "2025-11-25"
    v = T.book_template(demo, "Löner", "2025-11-25")
    assert (v.date, v.text) == ("2025-11-25", "Lön förbundschef")
    assert sum(r.amount for r in v.rows) == 0 and (1930, -31_850_00) in [(r.account, r.amount) for r in v.rows]


def test_a_mall_with_amounts_to_fill_is_never_booked_by_book_template(demo):
    n = demo.count_vouchers(VoucherFilter())
    use = T.use_template(demo, "Arvoden styrelsen", "2025-10-25")
    assert use.filled_row is None and not use.complete
    with pytest.raises(RuleError, match=r"rader utan belopp \(rad 1, 2, 3, 4, 5\)"):
        T.book_template(demo, "Arvoden styrelsen", "2025-10-25")
    T.save_template(demo, "Obalans", "Fel", [(6110, 100_00), (1930, -90_00)])
    with pytest.raises(RuleError, match="balanserar inte: differensen är 10,00 kr"):
        T.book_template(demo, "Obalans", "2025-10-25")
    with pytest.raises(RuleError, match="2024 är stängt"):
        T.use_template(demo, "Hyra", "2024-06-01")
    with pytest.raises(InputError, match="ingen mall som heter ”Städning”"):
        T.use_template(demo, "Städning", "2025-06-01")
    assert demo.count_vouchers(VoucherFilter()) == n


def test_mallar_may_be_renamed_and_deleted_but_not_saved_with_unknown_accounts(demo):
    T.rename_template(demo, "Hyra", "Lokalhyra")
    assert T.template_by_name(demo, "Hyra") is None and T.template_by_name(demo, "lokalhyra").rows
    with pytest.raises(RuleError, match="redan en mall som heter ”Löner”"):
        T.rename_template(demo, "Lokalhyra", "löner")
    T.delete_template(demo, "Lokalhyra")
    assert [t.name for t in T.templates(demo)] == ["Arvoden styrelsen", "Löner"]
    with pytest.raises(InputError, match="konto 9999 finns inte"):
        T.save_template(demo, "X", "x", [(9999, 1_00), (1930, -1_00)])
    with pytest.raises(InputError, match="namn"):
        T.save_template(demo, "  ", "x", [(6110, 1_00), (1930, -1_00)])
    with pytest.raises(FinsamError):  # the database itself refuses an empty name
        with demo.transaction():
            demo.conn.execute("INSERT INTO voucher_template (name, created_at) VALUES (' ', 'x')")


def test_an_old_book_gets_the_mall_tables_when_opened(tmp_path):
    path = tmp_path / "old.finsam"
    con = old_book(path, MIGRATIONS.index(V_MALL))           # the book as it was before mallar
    con.execute("INSERT INTO account (number, name, kind) VALUES (1930, 'Bank', 'T'), (5010, 'Lokalhyra', 'K')")
    con.close()
    with Book.open(path) as b:
        assert b.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert T.templates(b) == []
        T.save_template(b, "Hyra", "Hyra", [(5010, 8_000_00), (1930, None)])
        assert T.use_template(b, "Hyra", "2021-02-01").rows[1].amount == -8_000_00


# ---------------------------------------------------------------------------- command line
def test_cli_lists_saves_from_a_verifikation_and_books_a_mall(tmp_path, capsys):
    p = tmp_path / "demo.finsam"
    build_demo(p).close()
    code, out, err = run(capsys, "mallar", p)
    assert code == 0, err
    assert "Löner: Lön förbundschef" in out and "(fylls i)" in out and "45 500,00" in out
    with Book.open(p) as b:
        ref = _salary_voucher(b).ref
    code, out, err = run(capsys, "mallar", p, "--save-from", *ref.split(), "--name", "Lön maj")
    assert code == 0, err
    assert "Mallen ”Lön maj” är sparad" in out, out
    code, out, err = run(capsys, "mallar", p, "--use", "Hyra", "--date", "2025-12-30")
    assert code == 0, err
    assert "Bokförd: A " in out and "2025-12-30 Ådalsfastigheter AB: lokalhyra" in out and "-6 500,00" in out
    with Book.open(p) as b:
        last = [v for v in b.list_vouchers(VoucherFilter(date_from="2025-12-30", date_to="2025-12-30"))
                if v.text == "Ådalsfastigheter AB: lokalhyra"]
        assert len(last) == 1 and last[0].amount == 6_500_00
    refused(capsys, p, "mallar", p, "--use", "Arvoden styrelsen", "--date", "2025-12-30",
            match="har rader utan belopp")
    refused(capsys, p, "mallar", p, "--use", "Hyra", match="--date")
    refused(capsys, p, "mallar", p, "--save-from", "A", "99999", "--name", "X", match="finns inte")


# ---------------------------------------------------------------------------- new year
def test_new_year_proposals_equal_last_years_figures(demo):
    y25 = demo.year_by_label("2025")
    assert set(available_proposals(demo, y25, "2026-01-01")) == {"budget", "driftbidrag", "beviljat"}
    result = add_year_with_proposals(demo, "2026-01-01", "2026-12-31", budget=True, contributions=True,
                                     grants=True)
    y26 = result.year
    assert y26.label == "2026"
    assert demo.contributions(y26.id) == demo.contributions(y25.id)
    assert sum(demo.contributions(y26.id).values()) == 2_592_000_00     # 4 × 648 000 kr
    codes = {p.id: p.code for p in demo.projects()}
    # Insatser running in 2026 keep their 2025 beviljade medel; those ended in 2025 get none.
    assert {codes[k]: v for k, v in demo.project_grants(y26.id).items()} == {
        "STEG": 870_000_00, "SAMK": 580_000_00, "PSYK": 30_000_00}
    old = [(r.label, r.section, r.account_from, r.account_to, r.project_id, r.amount) for r in demo.budget(y25.id)]
    new = [(r.label, r.section, r.account_from, r.account_to, r.project_id, r.amount) for r in demo.budget(y26.id)]
    assert new == old and len(new) == result.budget_rows == 14
    lines = result.lines()
    assert "Budget: 14 rader kopierade som förslag." in lines
    assert "Driftbidrag: 4 medlemmar, sammanlagt 2 592 000 kr." in lines
    assert "Beviljade medel: 3 insatser, sammanlagt 1 480 000 kr." in lines


def test_new_year_without_proposals_copies_nothing(demo):
    result = add_year_with_proposals(demo, "2026-01-01", "2026-12-31")
    assert demo.contributions(result.year.id) == {} and demo.budget(result.year.id) == []
    assert demo.project_grants(result.year.id) == {} and result.lines((False, False, False)) == []


def test_cli_new_year_copies_proposals_and_says_what(tmp_path, capsys):
    p = tmp_path / "demo.finsam"
    build_demo(p).close()
    code, out, err = run(capsys, "new-year", p, "--copy-driftbidrag", "--copy-beviljat")
    assert code == 0, err
    assert "Driftbidrag: 4 medlemmar, sammanlagt 2 592 000 kr." in out
    assert "Beviljade medel: 3 insatser, sammanlagt 1 480 000 kr." in out and "Budget:" not in out
    with Book.open(p) as b:
        y26 = b.year_by_label("2026")
        assert b.budget(y26.id) == [] and sum(b.project_grants(y26.id).values()) == 1_480_000_00
