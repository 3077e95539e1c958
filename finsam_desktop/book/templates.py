"""Mallar: recurring verifikationer (hyra, löner, arvoden) stored once, with rows whose
amount may be left empty (None) to be filled when the mall is used. Not ledger: a mall
may be changed, renamed and deleted. Storage only; the rules are in ops/templates.py."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from ..errors import InputError, RuleError
from .core import now_iso


@dataclass(frozen=True)
class TemplateRow:
    account: int | None
    amount: int | None          # ledger sign (debet positive); None: to be filled
    project_id: int | None = None
    counterpart_id: int | None = None
    text: str = ""


@dataclass(frozen=True)
class Template:
    id: int
    name: str
    text: str
    rows: tuple[TemplateRow, ...]


def templates(book) -> list[Template]:
    """Every mall, by name."""
    heads = book.conn.execute("SELECT id, name, text FROM voucher_template ORDER BY name COLLATE NOCASE").fetchall()
    rows: dict[int, list[TemplateRow]] = {tid: [] for tid, _n, _t in heads}
    for tid, *r in book.conn.execute(
            "SELECT template_id, account, amount, project_id, counterpart_id, text FROM voucher_template_row "
            "ORDER BY template_id, id"):
        rows.setdefault(tid, []).append(TemplateRow(*r))
    return [Template(tid, name, text, tuple(rows[tid])) for tid, name, text in heads]


def template_by_name(book, name: str) -> Template | None:
    key = name.strip().lower()
    return next((t for t in templates(book) if t.name.lower() == key), None)


def _insert_rows(book, template_id: int, rows: Sequence[TemplateRow]) -> None:
    book.conn.executemany(
        "INSERT INTO voucher_template_row (template_id, account, amount, project_id, counterpart_id, text) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [(template_id, r.account, r.amount, r.project_id, r.counterpart_id, r.text or "") for r in rows])


def save_template(book, name: str, text: str, rows: Sequence[TemplateRow], *, replace: bool = False) -> Template:
    """Save a mall under `name`; an existing one of that name is replaced only when
    `replace` (otherwise a RuleError says the name is taken)."""
    name = name.strip()
    if not name:
        raise InputError("Mallen måste ha ett namn.", field="namn")
    old = template_by_name(book, name)
    if old is not None and not replace:
        raise RuleError(f"Det finns redan en mall som heter ”{old.name}”.", field="namn")
    with book.transaction():
        if old is not None:
            book.conn.execute("UPDATE voucher_template SET name = ?, text = ? WHERE id = ?", (name, text, old.id))
            book.conn.execute("DELETE FROM voucher_template_row WHERE template_id = ?", (old.id,))
            tid = old.id
        else:
            tid = book.conn.execute("INSERT INTO voucher_template (name, text, created_at) VALUES (?, ?, ?)",
                                    (name, text, now_iso())).lastrowid
        _insert_rows(book, tid, rows)
        book.audit("template.save", name=name, rows=len(rows))
    return template_by_name(book, name)


def rename_template(book, template_id: int, new_name: str) -> None:
    new_name = new_name.strip()
    if not new_name:
        raise InputError("Mallen måste ha ett namn.", field="namn")
    other = template_by_name(book, new_name)
    if other is not None and other.id != template_id:
        raise RuleError(f"Det finns redan en mall som heter ”{other.name}”.", field="namn")
    with book.transaction():
        book.conn.execute("UPDATE voucher_template SET name = ? WHERE id = ?", (new_name, template_id))
        book.audit("template.rename", id=template_id, name=new_name)


def delete_template(book, template_id: int) -> None:
    with book.transaction():
        book.conn.execute("DELETE FROM voucher_template WHERE id = ?", (template_id,))
        book.audit("template.delete", id=template_id)
