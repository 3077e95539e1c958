"""The budget plan's storage: a book of the first schema version gets it on opening, a
row's plan follows the row, and a closed year's plan cannot change."""

from __future__ import annotations

import sqlite3

import pytest

from finsam_desktop.book import Book
from finsam_desktop.book.budget_plan import BudgetPlan
from finsam_desktop.book.core import _split_sql
from finsam_desktop.book.schema import MIGRATIONS, SCHEMA_VERSION, V_BUDGET_PLAN

from old_books import old_book
from finsam_desktop.errors import InputError, RuleError


def test_book_before_the_budget_plan_migrates(tmp_path):
    p = tmp_path / "gammal.finsam"
    conn = old_book(p, MIGRATIONS.index(V_BUDGET_PLAN))
    rid = conn.execute("INSERT INTO budget_row (year_id, label, account_from, account_to, amount) "
                       "VALUES (1, 'Kansli', 5010, 5010, 10000)").lastrowid
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'budget_plan'").fetchone()[0] == 0
    conn.close()
    b = Book.open(p)
    assert b.schema_version == SCHEMA_VERSION
    y = b.years()[0]
    assert b.budget_plan(rid) == BudgetPlan(rid)
    b.set_budget_plan(rid, plan1=110_00, plan2=120_00)
    assert b.budget_plans(y.id)[rid].plan2 == 120_00
    b.close()


def test_plan_fields_change_one_at_a_time_and_go_with_the_row(book):
    y = book.years()[0]
    rid = book.add_budget_row(y.id, "Kansli", 100_00, account_from=5010)
    book.set_budget_plan(rid, plan1=110_00, profile=(1,) * 12)
    book.set_budget_plan(rid, prognosis=90_00, prognosis_comment="  Vakans i maj ")
    assert book.budget_plan(rid) == BudgetPlan(rid, 110_00, None, (1,) * 12, 90_00, "Vakans i maj")
    with pytest.raises(InputError, match="heltal i öre"):
        book.set_budget_plan(rid, plan2=1.5)
    with pytest.raises(InputError, match="tolv"):
        book.set_budget_plan(rid, profile=(1, 2))
    assert book.budget_plan(rid).plan2 is None
    book.delete_budget_row(rid)
    assert book.budget_plans(y.id) == {}


def test_closed_year_plan_is_refused_by_the_database(book):
    y = book.years()[0]
    rid = book.add_budget_row(y.id, "Kansli", 100_00, account_from=5010)
    book.set_budget_plan(rid, plan1=1_00)
    book.conn.execute("UPDATE fiscal_year SET status = 'closed' WHERE id = ?", (y.id,))
    with pytest.raises(RuleError, match="stängt"):
        book.set_budget_plan(rid, prognosis=5_00)
    assert book.budget_plan(rid).prognosis is None


def test_migration_statements_split():
    assert len(_split_sql(V_BUDGET_PLAN)) == 3
