"""Write a räkenskapsår of a book as a SIE 4 file (type 4E) in PC8 (codepage 437),
with #KSUMMA.

    report = export_sie(book, year, "forbund-2021.se")
    report.replaced   # findings: characters PC8 cannot hold, written as '?'

The file holds identification, #RAR 0 and -1, the chart (#KONTO/#KTYP), the insatser as
dimension 6 objects, the motparter as dimension 20 objects, the book's other dimensions
(#DIM/#UNDERDIM/#OBJEKT, kept from an imported file), #IB/#UB/#RES for both years,
#OIB/#OUB per insats, and every verifikation of the year with its rows and their objects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date as _date
from pathlib import Path

from .. import __version__ as VERSION
from ..book.underlag import year_registrars
from ..errors import BookFileError
from ..files import write_atomically
from ..money import sie_amount
from ..findings import WARNING, Finding
from .sie_model import MOTPART_DIM
from .sie_text import crc32, encode_pc8, quote

PROGRAM = "Finsam Bokföring"
# The SIE standard lists only company charts (BAS95, BAS96, EUBAS97, NE2007). A förbund's
# chart is Kommun-BAS, so the file says so in plain words rather than naming a company
# chart whose account classes 3–8 mean something else; readers treat it as information.
KPTYP = "Kommun-BAS"


@dataclass
class ExportReport:
    path: Path
    vouchers: int = 0
    replaced: list[Finding] = field(default_factory=list)


# Typographic characters PC8 lacks, written as their closest plain form rather than '?'.
_PLAIN = {"\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-",
          "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u2032": "'",
          "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
          "\u2026": "...", "\u2022": "*", "\u00d7": "x",
          "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u2007": " "}


# Any character that makes a field more than '"' + text + '"': one PC8 lacks, a control
# character, a backslash or a quote (the text may hold every other PC8 character as is).
_NOT_PLAIN = re.compile("[^" + re.escape("".join(
    ch for ch in bytes(range(0x20, 0x100)).decode("cp437") if ch not in '\x7f\\"')) + "]")


class _Out:
    """Collects records: the text lines and the checksum parts (label and field values
    without blanks, quotes and braces)."""

    def __init__(self, path: str):
        self.lines: list[str] = []
        self.parts: list[str] = []
        self.replaced: list[Finding] = []
        self.path = path
        self._seen: set[tuple[str, str]] = set()

    def text(self, value: str, where: str) -> str:
        """The value as PC8 can hold it: control characters become blanks, characters
        outside codepage 437 become their plain form (a dash '-', quotes, '...') or, when
        there is none, '?' (each reported once per place and character)."""
        if not value:
            return ""
        if value.isprintable() and "\\" not in value:
            try:
                encode_pc8(value)
                return value
            except UnicodeEncodeError:
                pass
        if "\\" in value:
            # SIE escapes only \" : a backslash before a quote or at the end would read as
            # an escaped quote, so it is written as '/'.
            fixed = re.sub(r'\\(?=")|\\$', "/", value)
            if fixed != value:
                self._report(where, "\\", "/")
                value = fixed
        if value.isascii() and value.isprintable():
            return value
        out = []
        for ch in value:
            if ord(ch) < 32 or ord(ch) == 127:
                out.append(" ")
                continue
            try:
                encode_pc8(ch)
                out.append(ch)
            except UnicodeEncodeError:
                instead = _PLAIN.get(ch, "?")
                out.append(instead)
                self._report(where, ch, instead)
        return "".join(out)

    def _report(self, where: str, ch: str, instead: str) -> None:
        if (where, ch) in self._seen:
            return
        self._seen.add((where, ch))
        why = ("kan inte stå före ett citationstecken eller sist i ett SIE-fält" if ch == "\\"
               else "finns inte i teckenuppsättningen PC8")
        self.replaced.append(Finding(WARNING, f"{Path(self.path).name}: Tecknet ”{ch}” i {where} {why} och "
                                              f"skrevs som ”{instead}”.", self.path, None, where))

    def rec(self, label: str, *fields, checksum: bool = True) -> None:
        """One record. Fields: ('q', text) quoted, ('o', [(dim, code)]) object list, or raw."""
        shown, parts = [label], [label]
        for f in fields:
            if isinstance(f, tuple) and f[0] == "q":
                shown.append(quote(f[1]))
                parts.append(f[1])
            elif isinstance(f, tuple) and f[0] == "o":
                shown.append("{" + " ".join(f'{d} {quote(c)}' for d, c in f[1]) + "}")
                parts.extend(f"{d}{c}" for d, c in f[1])
            else:
                shown.append(str(f))
                parts.append(str(f))
        self.lines.append(" ".join(shown))
        if checksum:
            self.parts.append("".join(parts))


def _months(start: str, end: str) -> list[str]:
    """The periods (ÅÅÅÅMM) of a räkenskapsår."""
    y, m = int(start[:4]), int(start[5:7])
    last = (int(end[:4]), int(end[5:7]))
    out = []
    while (y, m) <= last:
        out.append(f"{y}{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def budget_periods(book, year, codes: dict) -> list[tuple[int, str | None, str, int]]:
    """#PBUDGET lines of a year: (account, insats code, period, öre). The book keeps the
    budget per row over an account range for the whole year; each row goes out on the
    first account of its range, spread evenly over the year's months (the öre left over
    on the last month), so the months add up to the row and the file's budget to the
    book's."""
    months = _months(year.start, year.end)
    out = []
    for b in book.budget(year.id):
        if not b.amount:
            continue
        each, rest = divmod(b.amount, len(months))
        for i, month in enumerate(months):
            amount = each + (rest if i == len(months) - 1 else 0)
            if amount:
                out.append((b.account_from, codes.get(b.project_id) if b.project_id else None, month, amount))
    return out


def _d(iso: str) -> str:
    return iso.replace("-", "")


def build_sie(book, year, *, path: str = "export.se") -> tuple[bytes, list[Finding], int]:
    """(file bytes, replaced-character findings, number of verifikationer) for the year."""
    out = _Out(path)
    forbund = book.forbund()
    prev = book.previous_year(year)
    years = [(0, year)] + ([(-1, prev)] if prev else [])
    out.rec("#FLAGGA", 0, checksum=False)
    out.rec("#KSUMMA", checksum=False)
    out.rec("#PROGRAM", ("q", PROGRAM), ("q", VERSION))
    out.rec("#FORMAT", "PC8")
    out.rec("#GEN", _date.today().strftime("%Y%m%d"))
    out.rec("#SIETYP", 4)
    out.rec("#ORGNR", forbund.orgnr)
    out.rec("#FNAMN", ("q", out.text(forbund.namn, "förbundets namn")))
    if forbund.adress or forbund.postnummer or forbund.ort or forbund.telefon:
        out.rec("#ADRESS", ("q", ""), ("q", out.text(forbund.adress, "adressen")),
                ("q", out.text(f"{forbund.postnummer} {forbund.ort}".strip(), "adressen")),
                ("q", out.text(forbund.telefon, "adressen")))
    for n, y in years:
        out.rec("#RAR", n, _d(y.start), _d(y.end))
    out.rec("#KPTYP", ("q", KPTYP))
    out.rec("#VALUTA", "SEK")
    accounts = book.accounts()
    kinds = {a.number: a.kind for a in accounts}
    for a in accounts:
        out.rec("#KONTO", a.number, ("q", out.text(a.name, f"kontonamnet för {a.number}")))
        out.rec("#KTYP", a.number, a.kind)
    projects = book.projects()
    codes = {p.id: p.code for p in projects}
    if projects:
        out.rec("#DIM", 6, ("q", "Projekt"))
        for p in projects:
            out.rec("#OBJEKT", 6, ("q", out.text(p.code, f"insatskoden {p.code}")),
                    ("q", out.text(p.name, f"insatsen {p.code}")))
    # Every motpart as an object of its own dimension, so that a kommun consolidating the
    # förbund sees which member (or supplier) each row is with; the code is the motpart's
    # number in the book, the name its name.
    counterparts = book.counterparts()
    cp_code = {c.id: str(c.id) for c in counterparts}
    if counterparts:
        out.rec("#DIM", MOTPART_DIM, ("q", "Motpart"))
        for c in sorted(counterparts, key=lambda c: c.id):
            out.rec("#OBJEKT", MOTPART_DIM, ("q", cp_code[c.id]), ("q", out.text(c.name, f"motparten {c.name}")))
    # The book's other dimensions (kept from an imported file), parents before children.
    dims = book.object_dimensions()
    for d in sorted(dims, key=lambda d: (d.parent is not None, d.number)):
        name = out.text(d.name, f"dimensionen {d.number}")
        if d.parent is not None:
            out.rec("#UNDERDIM", d.number, ("q", name), d.parent)
        else:
            out.rec("#DIM", d.number, ("q", name))
    for dim, code, name in book.objects():
        out.rec("#OBJEKT", dim, ("q", out.text(code, f"objektkoden {dim} {code}")),
                ("q", out.text(name, f"objektet {dim} {code}")))

    balances = {}
    for n, y in years:
        opening: dict[tuple[int, str | None], int] = {}
        for (acc, pid), amt in book.opening_balances(y.id).items():
            key = (acc, codes.get(pid) if pid else None)
            opening[key] = opening.get(key, 0) + amt
        closing = dict(opening)
        result: dict[int, int] = {}
        for (acc, pid), amt in book.movements(y.start, y.end, by_project=True).items():
            if kinds.get(acc) in ("I", "K"):
                result[acc] = result.get(acc, 0) + amt
            else:
                key = (acc, codes.get(pid) if pid else None)
                closing[key] = closing.get(key, 0) + amt
        balances[n] = (opening, closing, result)

    def per_account(d):
        out_: dict[int, int] = {}
        for (acc, _c), amt in d.items():
            if kinds.get(acc) in ("T", "S"):
                out_[acc] = out_.get(acc, 0) + amt
        return out_

    for label, idx in (("#IB", 0), ("#UB", 1)):
        for n, _y in years:
            for acc, amt in sorted(per_account(balances[n][idx]).items()):
                if amt:
                    out.rec(label, n, acc, sie_amount(amt))
    for label, idx in (("#OIB", 0), ("#OUB", 1)):
        for n, _y in years:
            for (acc, code), amt in sorted(((k, v) for k, v in balances[n][idx].items() if k[1]),
                                           key=lambda kv: (kv[0][0], kv[0][1])):
                if amt and kinds.get(acc) in ("T", "S"):
                    out.rec(label, n, acc, ("o", [(6, out.text(code, f"insatskoden {code}"))]), sie_amount(amt))
    for n, _y in years:
        for acc, amt in sorted(balances[n][2].items()):
            if amt:
                out.rec("#RES", n, acc, sie_amount(amt))
    for n, y in years:
        for acc, code, month, amt in budget_periods(book, y, codes):
            obj = ("o", [(6, out.text(code, f"insatskoden {code}"))]) if code else ("o", [])
            out.rec("#PBUDGET", n, month, acc, obj, sie_amount(amt))

    count = 0
    lines, parts = out.lines, out.parts
    add_line, add_part = lines.append, parts.append
    days: dict[str, str] = {}

    def field(value: str, ref: str) -> tuple[str, str]:
        """(the quoted field, its checksum part): as is when PC8 holds it unchanged."""
        if _NOT_PLAIN.search(value) is None:
            return f'"{value}"', value
        v = out.text(value, ref)
        return quote(v), v

    # The verifikationer are most of the file: written inline rather than through rec().
    # #VER's sign field: who registered the verifikation, where the book records it.
    signs = year_registrars(book, year.id)
    row_objects = book.year_row_objects(year.id)
    for series, number, vdate, text, booked_at, rows in book.iter_year_vouchers(year.id,
                                                                               row_ids=bool(row_objects)):
        count += 1
        d = days.get(vdate) or days.setdefault(vdate, _d(vdate))
        reg = booked_at[:10]
        reg = days.get(reg) or days.setdefault(reg, _d(reg))
        ref = f"verifikation {series} {number}"
        qs, s = field(series, ref)
        qt, t = field(text, ref)
        sign = signs.get((series, number))
        qg, g = field(sign, ref) if sign else ("", "")
        add_line(f"#VER {qs} {number} {d} {qt} {reg} {qg}".rstrip())
        add_part(f"#VER{s}{number}{d}{t}{reg}{g}")
        add_line("{")
        others_of = None
        if row_objects:
            # The rows' objects, last row first (popped as the rows are written).
            others_of = [row_objects.get(r[5]) for r in reversed(rows)]
            rows = [r[:5] for r in rows]
        for account, amount, code, rtext, cp in rows:
            a = sie_amount(amount)
            if code:
                qc, c = field(code, ref)
                obj, objp = f"6 {qc}", f"6{c}"
            else:
                obj, objp = "", ""
            if cp:
                obj, objp = f"{obj} {MOTPART_DIM} \"{cp_code[cp]}\"".strip(), f"{objp}{MOTPART_DIM}{cp_code[cp]}"
            if others_of is not None and (others := others_of.pop()):
                # In dimension order around 6 and MOTPART_DIM: {1 "100" 6 "P1" 20 "3" 21 "A"}.
                pairs = []
                if code:
                    pairs.append((6, f"6 {qc}", f"6{c}"))
                if cp:
                    pairs.append((MOTPART_DIM, f"{MOTPART_DIM} \"{cp_code[cp]}\"", f"{MOTPART_DIM}{cp_code[cp]}"))
                for dim, ocode in others:
                    qo, o = field(ocode, ref)
                    pairs.append((dim, f"{dim} {qo}", f"{dim}{o}"))
                pairs.sort(key=lambda p: p[0])
                obj, objp = " ".join(p[1] for p in pairs), "".join(p[2] for p in pairs)
            obj = f"{{{obj}}}"
            if rtext:
                qr, rt = field(rtext, ref)
                add_line(f"#TRANS {account} {obj} {a} {d} {qr}")
                add_part(f"#TRANS{account}{objp}{a}{d}{rt}")
            else:
                add_line(f"#TRANS {account} {obj} {a}")
                add_part(f"#TRANS{account}{objp}{a}")
        add_line("}")

    checksum = crc32(encode_pc8("".join(out.parts), "replace"))
    out.rec("#KSUMMA", checksum, checksum=False)
    data = encode_pc8("\r\n".join(out.lines) + "\r\n", "replace")
    return data, out.replaced, count


def _is_database(path: Path) -> bool:
    """True for an existing SQLite file (a Finsam book among others)."""
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def export_sie(book, year, path: str | Path) -> ExportReport:
    """Write the year as a SIE 4 file at `path` (through a temporary file, so a failure
    leaves nothing half-written)."""
    target = Path(path)
    if not target.parent.exists():
        raise BookFileError(f"Mappen {target.parent} finns inte.", path=str(target))
    if target.is_dir():
        raise BookFileError(f"{target} är en mapp; ange ett filnamn för SIE-filen, t.ex. {target / 'bok.se'}.",
                            path=str(target))
    if _is_database(target):
        # Most often the book's own name given by mistake: writing would destroy it.
        raise BookFileError(f"Filen {target} är en bok (en databas), inte en SIE-fil; den skrivs inte över. "
                            "Ange ett annat filnamn, t.ex. med ändelsen .se.", path=str(target))
    data, replaced, count = build_sie(book, year, path=str(target))
    write_atomically(target, data, f"SIE-filen {target} kunde inte skrivas: {{reason}}.", error=BookFileError)
    return ExportReport(target, count, replaced)
