"""Object dimensions other than insatser (6) and motparter (20): the dimensions a SIE file
declares (#DIM, #UNDERDIM), their objects (#OBJEKT) and the objects on verifikation rows
(e.g. dimension 1 kostnadsställe "100"). The book keeps them so that an import loses
nothing and an export gives them back; the database keeps a booked row's objects as
permanent as the row (schema V_OBJEKT).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from ..errors import InputError

# Dimensions with a table of their own in the book; never kept as plain objects.
OWN_DIMENSIONS = (6, 20)


@dataclass(frozen=True)
class ObjectDimension:
    number: int
    name: str
    parent: int | None = None


@dataclass(frozen=True)
class RowObject:
    dim: int
    code: str
    name: str
    dim_name: str

    @property
    def label(self) -> str:
        """'1 Kostnadsställe 100' (the dimension's name, when it has one, and the code)."""
        return " ".join(x for x in (str(self.dim), self.dim_name, self.code) if x)


class ObjectsMixin:
    def object_dimensions(self) -> list[ObjectDimension]:
        return [ObjectDimension(*r) for r in self.conn.execute(
            "SELECT number, name, parent FROM object_dimension ORDER BY number")]

    def objects(self, dim: int | None = None) -> list[tuple[int, str, str]]:
        """(dimension, code, name) of every object (of one dimension), in order."""
        if dim is None:
            return list(self.conn.execute("SELECT dim, code, name FROM object ORDER BY dim, code"))
        return list(self.conn.execute("SELECT dim, code, name FROM object WHERE dim = ? ORDER BY code", (dim,)))

    def bulk_add_dimensions(self, dims: Iterable[tuple[int, str, int | None]]) -> None:
        """Declare dimensions (number, name, parent or None); a known one keeps its name
        unless it has none. Parents are declared before their children."""
        rows = sorted(dims, key=lambda d: (d[2] is not None, d[0]))
        with self.transaction():
            for number, name, parent in rows:
                if number in OWN_DIMENSIONS or number < 1:
                    raise InputError(f"Dimension {number} kan inte läggas upp som objektdimension.",
                                     field="dimension")
                self.conn.execute(
                    "INSERT INTO object_dimension (number, name, parent) VALUES (?, ?, ?) "
                    "ON CONFLICT (number) DO UPDATE SET name = excluded.name WHERE name = ''",
                    (number, (name or "").strip(), parent))
            if rows:
                self.audit("object_dimension.bulk_add", count=len(rows))

    def bulk_add_objects(self, objects: Iterable[tuple[int, str, str]]) -> int:
        """Add objects (dimension, code, name) the book does not have (a known one keeps
        its name); their dimensions must exist. Returns how many were new."""
        rows = [(d, str(c).strip(), (n or "").strip()) for d, c, n in objects]
        for d, c, _n in rows:
            if not c:
                raise InputError(f"Ett objekt i dimension {d} saknar kod.", field="objekt")
        with self.transaction():
            before = self.conn.total_changes
            self.conn.executemany("INSERT OR IGNORE INTO object (dim, code, name) VALUES (?, ?, ?)", rows)
            added = self.conn.total_changes - before
            if added:
                self.audit("object.bulk_add", count=added)
        return added

    def voucher_row_objects(self, voucher_id: int) -> list[tuple[RowObject, ...]]:
        """The objects of each row of the verifikation, in row order (an empty tuple for a
        row without any)."""
        ids = [r[0] for r in self.conn.execute(
            "SELECT id FROM voucher_row WHERE voucher_id = ? ORDER BY id", (voucher_id,))]
        found: dict[int, list[RowObject]] = {}
        for row_id, dim, code, name, dim_name in self.conn.execute(
                "SELECT o.row_id, o.dim, o.code, b.name, d.name FROM voucher_row r "
                "JOIN voucher_row_object o ON o.row_id = r.id "
                "JOIN object b ON b.dim = o.dim AND b.code = o.code "
                "JOIN object_dimension d ON d.number = o.dim "
                "WHERE r.voucher_id = ? ORDER BY o.row_id, o.dim", (voucher_id,)):
            found.setdefault(row_id, []).append(RowObject(dim, code, name, dim_name))
        return [tuple(found.get(i, ())) for i in ids]

    def year_row_objects(self, year_id: int) -> dict[int, tuple[tuple[int, str], ...]]:
        """{row id: ((dim, code), ...)} for the year's rows that carry objects (row ids as
        iter_year_vouchers(row_ids=True) gives them). Empty (one index lookup) for a book
        without objects."""
        if self.conn.execute("SELECT 1 FROM voucher_row_object LIMIT 1").fetchone() is None:
            return {}
        out: dict[int, list] = {}
        for row_id, dim, code in self.conn.execute(
                "SELECT o.row_id, o.dim, o.code FROM voucher_row_object o JOIN voucher_row r ON r.id = o.row_id "
                "JOIN voucher v ON v.id = r.voucher_id WHERE v.year_id = ? ORDER BY o.row_id, o.dim", (year_id,)):
            out.setdefault(row_id, []).append((dim, code))
        return {k: tuple(v) for k, v in out.items()}

    def _reverse_row_objects(self, original_id: int, voucher_id: int) -> None:
        """A rättelse's row that reverses a row of the original (same account and insats,
        the opposite amount) gets that row's objects, so that each kostnadsställe's sum
        comes back to zero. Inside the booking's transaction, before its header."""
        c = self.conn
        if c.execute("SELECT 1 FROM voucher_row_object LIMIT 1").fetchone() is None:
            return
        objects: dict[int, list] = {}
        for row_id, dim, code in c.execute(
                "SELECT o.row_id, o.dim, o.code FROM voucher_row r JOIN voucher_row_object o ON o.row_id = r.id "
                "WHERE r.voucher_id = ? ORDER BY o.row_id, o.dim", (original_id,)):
            objects.setdefault(row_id, []).append((dim, code))
        if not objects:
            return
        original = [r for r in c.execute("SELECT id, account, amount, ifnull(project_id, 0) FROM voucher_row "
                                          "WHERE voucher_id = ? ORDER BY id", (original_id,)) if r[0] in objects]
        new = list(c.execute("SELECT id, account, amount, ifnull(project_id, 0) FROM voucher_row "
                             "WHERE voucher_id = ? ORDER BY id", (voucher_id,)))
        used = set()
        out = []
        for oid, account, amount, project in original:
            match = next((n for n in new if n[0] not in used and (n[1], n[2], n[3]) == (account, -amount, project)),
                         None)
            if match is not None:
                used.add(match[0])
                out.extend((match[0], dim, code) for dim, code in objects[oid])
        c.executemany("INSERT INTO voucher_row_object (row_id, dim, code) VALUES (?, ?, ?)", out)
