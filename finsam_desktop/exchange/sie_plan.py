"""Plan a SIE import: what would be created in which book, and the findings about it.

Pure: reads the SieFile and (optionally) an existing book, writes nothing. The desktop
program shows an ImportPlan as its preview; `sie_import.apply_plan` writes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date as _date, timedelta
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple


from ..book import chart
from ..book.bulk import default_account_row
from ..book.roles import ACCOUNT_ROLES
from ..book.validate import normalize_orgnr
from ..money import format_ore
from ..findings import ERROR, WARNING, Finding, WithFindings
from .sie_model import MOTPART_DIM, SieFile

_NUMBER = itemgetter(1)   # SieVoucher.number
_new = tuple.__new__      # a PlannedVoucher without the named tuple's Python-level __new__

SUMMARY_SERIES = "SIE"
SUMMARY_TEXT = "Årets förändring enligt SIE-fil"
DEFAULT_SERIES = "A"
PLACEHOLDER_ORGNR = "000000-0000"
MAX_NAMED_OBJECTS = 10
# SIE's reserved dimensions (section 8.17 of the format), named when a file uses them undeclared.
RESERVED_DIMENSIONS = {1: "Kostnadsställe", 2: "Kostnadsbärare", 7: "Anställd", 8: "Kund", 9: "Leverantör",
                       10: "Faktura"}


class PlannedVoucher(NamedTuple):
    """Rows are (account, amount öre, insats code or None, row text[, line]). Shaped like
    book.bulk.BulkVoucher, so that a plan without insatser is booked as it is."""
    series: str
    number: int
    date: str
    text: str
    rows: tuple[tuple[int, int, str | None, str], ...]
    source: str
    original: str = ""          # 'A 17' as numbered in the file


@dataclass
class PlannedYear:
    sie_year: int | None         # 0, -1 … (None for a 4I file)
    start: str
    end: str
    exists: bool
    opening: dict[tuple[int, str | None], int] = field(default_factory=dict)
    set_opening: bool = False
    vouchers: list[PlannedVoucher] = field(default_factory=list)
    summary: bool = False        # the movements come as one summary verifikation
    # What the import posts to eget kapital (ledger sign, öre) because the file's own
    # figures do not go together: in the ingående balanser, in the summary verifikation.
    opening_difference: int = 0
    summary_difference: int = 0

    @property
    def label(self) -> str:
        if self.start[5:] == "01-01" and self.end[5:] == "12-31" and self.start[:4] == self.end[:4]:
            return self.start[:4]
        return f"{self.start} – {self.end}"


@dataclass
class ImportPlan(WithFindings):
    sie: SieFile
    new_book: bool
    namn: str
    orgnr: str
    equity_account: int
    new_accounts: list[tuple[int, str, str, str | None]] = field(default_factory=list)
    renamed_accounts: dict[int, str] = field(default_factory=dict)
    projects: list[tuple[str, str]] = field(default_factory=list)
    # The motparter of the file's rows (dimension MOTPART_DIM): object code -> name.
    counterparts: dict[str, str] = field(default_factory=dict)
    # Dimensions other than 6 and MOTPART_DIM and their objects, kept as the book's objects:
    # (number, name, parent or None) and (dimension, code, name).
    dimensions: list[tuple[int, str, int | None]] = field(default_factory=list)
    objects: list[tuple[int, str, str]] = field(default_factory=list)
    years: list[PlannedYear] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


    @property
    def voucher_count(self) -> int:
        return sum(len(y.vouchers) for y in self.years)

    @property
    def equity_postings(self) -> list[EquityPosting]:
        """Every amount the import would post to the equity account because the file does
        not balance, with where it goes; empty when the file's figures go together."""
        out = []
        for y in self.years:
            if y.opening_difference and y.set_opening:
                out.append(EquityPosting(y.label, "ingående balanser", y.opening_difference))
            if y.summary_difference and y.summary and y.vouchers:
                v = y.vouchers[0]
                out.append(EquityPosting(y.label, f"sammandragsverifikation {v.series} {v.number}",
                                         y.summary_difference))
        return out


class EquityPosting(NamedTuple):
    """An amount posted to the equity account so that the imported book balances."""
    year: str          # the räkenskapsår's label
    where: str         # 'ingående balanser' or 'sammandragsverifikation SIE 1'
    amount: int        # öre, ledger sign (negative: kredit)

    def describe(self, account: int) -> str:
        """'2025, ingående balanser: 500,00 kr i kredit på konto 2010'."""
        side = "debet" if self.amount > 0 else "kredit"
        return f"{self.year}, {self.where}: {format_ore(abs(self.amount))} kr i {side} på konto {account}"


def _kind_for(number: int, kptyp: str | None) -> str:
    if not chart.is_company_kptyp(kptyp):
        return chart.default_kind(number)
    number = chart.base_account(number)
    if number < 2000:
        return "T"
    if number < 3000:
        return "S"
    if number < 4000 or 8000 <= number <= 8399:
        return "I"
    return "K"


def file_orgnr(raw: str | None) -> tuple[str | None, str | None]:
    """(orgnr as 000000-0000 or None, a Swedish remark or None) for the file's #ORGNR."""
    if not raw:
        return None, "Filen saknar organisationsnummer (#ORGNR)"
    digits = re.sub(r"[\s-]", "", raw)
    if len(digits) == 12 and digits.isdigit() and digits[:2] in ("16", "19", "20"):
        digits = digits[2:]
    if len(digits) != 10 or not digits.isdigit():
        return None, f"Organisationsnumret ”{raw}” i filen är ogiltigt"
    formatted = f"{digits[:6]}-{digits[6:]}"
    from stdnum.exceptions import ValidationError
    from stdnum.se import orgnr as se_orgnr
    try:
        se_orgnr.validate(digits)
    except ValidationError:
        return formatted, f"Organisationsnumret {formatted} i filen har fel kontrollsiffra"
    if digits[0] != "2":
        return formatted, (f"Organisationsnumret {formatted} hör till ett företag, inte till en offentlig "
                           "juridisk person som ett samordningsförbund (222000-xxxx)")
    return formatted, None


class _Planner:
    def __init__(self, sie: SieFile, book, orgnr: str | None):
        self.sie = sie
        self.book = book
        self.name = Path(sie.path).name
        self.findings: list[Finding] = list(sie.findings)
        self.orgnr_arg = orgnr

    def add(self, severity, text, field=None, line=None):
        where = f"{self.name}, rad {line}" if line else self.name
        self.findings.append(Finding(severity, f"{where}: {text}", self.sie.path, line, field))

    # ------------------------------------------------------------------ identity
    def identity(self) -> tuple[str, str]:
        sie = self.sie
        namn = (sie.company_name or "").strip()
        if not namn:
            namn = Path(sie.path).stem or "Förbundet"
            if self.book is None:
                self.add(WARNING, f"Filen saknar företagsnamn (#FNAMN); boken får namnet ”{namn}”.", "#FNAMN")
        if self.orgnr_arg:
            return namn, normalize_orgnr(self.orgnr_arg)
        orgnr, remark = file_orgnr(sie.orgnr)
        if self.book is not None:
            own = self.book.forbund().orgnr
            if orgnr and orgnr != own:
                self.add(WARNING, f"Filen gäller organisationsnummer {orgnr} men boken {own}.", "#ORGNR")
            return namn, own
        if remark:
            if orgnr is None:
                self.add(WARNING, f"{remark}; boken får {PLACEHOLDER_ORGNR}. Ändra det under Förbundet.", "#ORGNR")
                orgnr = PLACEHOLDER_ORGNR
            else:
                self.add(WARNING, f"{remark}; det sparas ändå. Kontrollera det under Förbundet.", "#ORGNR")
        return namn, orgnr

    # ------------------------------------------------------------------ accounts
    def accounts(self, plan: ImportPlan) -> dict[int, str]:
        """Plan new and renamed accounts; returns {number: kind} for every account used."""
        sie = self.sie
        if self.book is None:
            known = {n: (name, kind) for n, name, kind, _row in chart.load_default_chart()}
        else:
            known = {a.number: (a.name, a.kind) for a in self.book.accounts()}
        used = set(sie.accounts)
        for key in (*sie.ib, *sie.ub, *sie.res):
            used.add(key[1])
        for key in (*sie.oib, *sie.oub):
            used.add(key[1])
        used.update({r[0] for v in sie.vouchers for r in v.rows})
        kinds: dict[int, str] = {}
        unnamed = []
        for number in sorted(used):
            decl = sie.accounts.get(number)
            if number in known:
                name, kind = known[number]
                kinds[number] = kind
                if decl and decl.name and decl.name != name:
                    if self.book is None:
                        plan.renamed_accounts[number] = decl.name
                    else:
                        self.add(WARNING, f"Konto {number} heter ”{decl.name}” i filen men ”{name}” i boken; "
                                          "bokens namn behålls.", "kontonamn", decl.line)
                if decl and decl.kind and decl.kind != kind:
                    self.add(WARNING, f"Konto {number} har kontotyp {decl.kind} i filen men {kind} i "
                                      f"{'boken' if self.book else 'standardkontoplanen'}; {kind} behålls.",
                             "kontotyp", decl.line)
                continue
            kind = (decl.kind if decl and decl.kind else None) or _kind_for(number, sie.kptyp)
            name = decl.name if decl and decl.name else ""
            if not name:
                name = f"Konto {number}"
                unnamed.append(number)
            kinds[number] = kind
            plan.new_accounts.append((number, name, kind, default_account_row(number, kind, sie.kptyp)))
        if unnamed:
            self.add(WARNING, f"Konto {', '.join(map(str, unnamed))} används i filen men har inget namn (#KONTO); "
                              "de läggs upp som ”Konto nnnn”.", "#KONTO")
        return kinds

    # ------------------------------------------------------------------ insatser
    def projects(self, plan: ImportPlan) -> None:
        sie = self.sie
        codes = {code: obj.name or code for (dim, code), obj in sie.objects.items() if dim == 6}
        used = {r.project for v in sie.vouchers for r in v.rows if r.project}
        used |= {k[3] for k in (*sie.oib, *sie.oub)}
        missing = sorted(used - set(codes))
        if missing:
            self.add(WARNING, f"Projekt {', '.join(missing)} används i filen men saknar #OBJEKT 6; de läggs upp "
                              "som insatser med koden som namn.", "#OBJEKT")
        existing = {p.code for p in self.book.projects()} if self.book is not None else set()
        for code in sorted(set(codes) | used):
            if code not in existing:
                plan.projects.append((code, codes.get(code, code)))
        used_cp = sorted({r.counterpart for v in sie.vouchers for r in v.rows if r.counterpart})
        dim_name = sie.dimensions.get(MOTPART_DIM) or "Motpart"
        if used_cp and "motpart" not in dim_name.casefold():
            # Another program's own dimension 20: not motparter, and the book has no place for it.
            self.add(WARNING, f"Objekt i dimension {MOTPART_DIM} (”{dim_name}”) läses inte in; Finsam Bokföring "
                              f"läser dimension {MOTPART_DIM} bara som motpart.", "#DIM")
            return
        names = {code: obj.name for (dim, code), obj in sie.objects.items() if dim == MOTPART_DIM}
        for code in used_cp:
            plan.counterparts[code] = names.get(code) or code

    # ------------------------------------------------------------------ other dimensions
    def objects(self, plan: ImportPlan) -> None:
        """Every dimension other than 6 and MOTPART_DIM the file declares or uses on a row,
        with its objects; an object used on a row without #OBJEKT is added without a name."""
        sie = self.sie
        own = (6, MOTPART_DIM)
        first_use = sie.object_lines   # (dim, code) -> the line of the first row using it
        dims = {d for d in sie.dimensions if d not in own}
        dims |= {d for d, _c in sie.objects if d not in own}
        dims |= {d for d, _c in first_use}
        for d in list(dims):
            parent = sie.parents.get(d)
            if parent is not None and parent not in own:
                dims.add(parent)
        if not dims:
            return
        known_dims, known = set(), set()
        if self.book is not None:
            known_dims = {d.number for d in self.book.object_dimensions()}
            known = {(d, c) for d, c, _n in self.book.objects()}
        unnamed = []
        for d in sorted(dims):
            name = sie.dimensions.get(d) or RESERVED_DIMENSIONS.get(d, "")
            if not name and d not in sie.dimensions and d not in known_dims:
                unnamed.append(d)
            parent = sie.parents.get(d)
            plan.dimensions.append((d, name, parent if parent in dims else None))
        if unnamed:
            self.add(WARNING, f"Dimension {', '.join(map(str, unnamed))} används i filen men deklareras inte med "
                              "#DIM; den läggs upp utan namn.", "#DIM")
        for (d, code), obj in sorted(sie.objects.items(), key=lambda kv: (kv[0][0], kv[0][1])):
            if d in dims:
                plan.objects.append((d, code, obj.name))
        undeclared = [(pair, line) for pair, line in first_use.items() if pair not in sie.objects and pair not in known]
        for (d, code), line in sorted(undeclared, key=lambda x: x[1])[:MAX_NAMED_OBJECTS]:
            self.add(WARNING, f"Objekt ”{code}” i dimension {d} används på raden men saknar #OBJEKT; det läggs upp "
                              "utan namn.", "objektlista", line)
        if len(undeclared) > MAX_NAMED_OBJECTS:
            self.add(WARNING, f"Ytterligare {len(undeclared) - MAX_NAMED_OBJECTS} objekt används utan #OBJEKT och "
                              "läggs upp utan namn.", "objektlista")
        plan.objects.extend((d, code, "") for (d, code), _line in sorted(undeclared))

    # ------------------------------------------------------------------ years
    def book_year(self, start: str, end: str):
        """(book year or None). An overlapping year with other dates is an error."""
        if self.book is None:
            return None
        for y in self.book.years():
            if y.start == start and y.end == end:
                return y
            if start <= y.end and end >= y.start:
                self.add(ERROR, f"Räkenskapsåret {start} – {end} i filen överlappar bokens räkenskapsår "
                                f"{y.label} men har andra datum.", "#RAR")
                return False
        return None

    def years_fit(self) -> bool:
        """Does the file's current year (#RAR 0) belong in the existing book: one of its
        räkenskapsår, or the year just before its first (history for comparisons)? An
        error says why not."""
        start, end = self.sie.years[0]
        years = self.book.years()
        if not years or any(y.start == start and y.end == end for y in years):
            return True
        first = min(years, key=lambda y: y.start)
        if _date.fromisoformat(end) + timedelta(days=1) == _date.fromisoformat(first.start):
            return True
        have = ", ".join(y.label for y in sorted(years, key=lambda y: y.start))
        self.add(ERROR, f"Filens räkenskapsår {start} – {end} (#RAR 0) finns inte i boken, som har räkenskapsåren "
                        f"{have}; läs in filen i en ny bok eller i boken för det året.", "#RAR")
        return False

    def opening(self, n: int, kinds: dict[int, str], equity: int, label: str) -> dict:
        sie = self.sie
        ib = {acc: amt for (y, acc), amt in sie.ib.items() if y == n}
        if not ib and n == 0 and any(y == -1 for (y, _a) in sie.ub):
            ib = {acc: amt for (y, acc), amt in sie.ub.items() if y == -1 and kinds.get(acc) in ("T", "S")}
            self.add(WARNING, "Filen saknar ingående balanser (#IB 0); de tas från föregående års utgående "
                              "balanser (#UB -1).", "#IB")
        out: dict[tuple[int, str | None], int] = {}
        for (y, acc, _dim, code), amt in sie.oib.items():
            if y == n:
                out[(acc, code)] = out.get((acc, code), 0) + amt
        for acc, amt in ib.items():
            rest = amt - sum(v for (a, c), v in out.items() if a == acc)
            if rest:
                out[(acc, None)] = rest
        total = sum(out.values())
        if total:
            prev_res = sum(v for (y, _a), v in sie.res.items() if y == n - 1)
            why = ("föregående års resultat har inte förts till eget kapital i filen"
                   if prev_res and total == -prev_res else "filens ingående balanser går inte jämnt ut")
            self.add(WARNING, f"De ingående balanserna för {label} summerar till {format_ore(total)} kr ({why}); "
                              f"motposten {format_ore(-total)} kr förs till konto {equity} så att balansräkningen "
                              "går ihop.", "#IB")
            out[(equity, None)] = out.get((equity, None), 0) - total
        self.opening_difference = -total
        return {k: v for k, v in out.items() if v}

    def summary(self, n: int, y: PlannedYear, kinds, equity: int, number: int) -> PlannedVoucher | None:
        """One verifikation for a year whose movements the file gives only as balances."""
        sie = self.sie
        ub = {acc: amt for (yy, acc), amt in sie.ub.items() if yy == n}
        res = {acc: amt for (yy, acc), amt in sie.res.items() if yy == n}
        if not ub and not res:
            if y.opening:
                self.add(WARNING, f"Filen saknar utgående balanser och resultat (#UB, #RES) för {y.label}; "
                                  "bara de ingående balanserna läses in.", "#UB")
            return None
        closing: dict[tuple[int, str | None], int] = {}
        for (yy, acc, _d, code), amt in sie.oub.items():
            if yy == n:
                closing[(acc, code)] = closing.get((acc, code), 0) + amt
        for acc, amt in ub.items():
            rest = amt - sum(v for (a, c), v in closing.items() if a == acc)
            if rest:
                closing[(acc, None)] = rest
        moves: dict[tuple[int, str | None], int] = {}
        for key in set(closing) | {k for k in y.opening if kinds.get(k[0]) in ("T", "S") or k[0] in ub}:
            moves[key] = closing.get(key, 0) - y.opening.get(key, 0)
        if not ub:  # only result figures: balance accounts unknown, leave them as they open
            moves = {}
        for acc, amt in res.items():
            moves[(acc, None)] = moves.get((acc, None), 0) + amt
        total = sum(moves.values())
        if total:
            if ub and sum(ub.values()) == 0 and total == sum(res.values()):
                why = "filens utgående balanser innehåller redan årets resultat i eget kapital"
            else:
                why = "ingående balans, resultat och utgående balans stämmer inte med varandra i filen"
            self.add(WARNING, f"Saldona för {y.label} går inte ihop med {format_ore(total)} kr ({why}); "
                              f"{format_ore(-total)} kr förs till konto {equity} i sammandragsverifikationen.",
                     "#UB")
            moves[(equity, None)] = moves.get((equity, None), 0) - total
            y.summary_difference = -total
        rows = tuple((acc, amt, code, "") for (acc, code), amt in sorted(
            moves.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")) if amt)
        if len(rows) < 2:
            return None
        return PlannedVoucher(SUMMARY_SERIES, number, y.end, SUMMARY_TEXT, rows, "SIE sammandrag")

    # ------------------------------------------------------------------ vouchers
    def number_vouchers(self, year_id: int | None, vouchers, start: str, end: str) -> list[PlannedVoucher]:
        by_series: dict[str, list] = {}
        for v in vouchers:
            series = v.series or DEFAULT_SERIES
            if len(series) > 20:
                self.add(ERROR, f"Verifikationsserien ”{series}” i verifikation {v.ref} är längre än 20 tecken.",
                         "serie", v.line)
                continue
            by_series.setdefault(series, []).append(v)
        out: list[PlannedVoucher] = []
        if self.book is not None and year_id is not None:
            known = self.book.voucher_source_dates(year_id)
            again = [v for v in vouchers if v.number is not None and (f"SIE {v.series} {v.number}".strip(), v.date)
                     in known]
            if again:
                # Booked verifikationer cannot be removed: a file read twice would stay
                # double-booked, so the same number on the same date is refused outright.
                first = again[0]
                self.add(ERROR, f"Verifikation {first.ref} ({first.date}) finns redan i boken, inläst från SIE med "
                                f"samma serie, nummer och datum ({len(again)} av filens {len(vouchers)} "
                                "verifikationer); filen verkar redan vara inläst och läses inte in igen.",
                         "vernr", first.line)
        add = out.append
        for series in sorted(by_series):
            # Numbered ones in number order (usually already: a linear pass), then the
            # unnumbered in file order.
            vs = [v for v in by_series[series] if v.number is not None]
            vs.sort(key=_NUMBER)
            vs += [v for v in by_series[series] if v.number is None]
            first = 1
            if self.book is not None and year_id is not None:
                first = self.book.next_voucher_number(year_id, series)
            changed = []
            for number, v in enumerate(vs, first):
                # v.rows: SieRow is (account, amount, project code, text, line, motpart code)
                if v.number is None:
                    add(_new(PlannedVoucher, (series, number, v.date, v.text, v.rows, "SIE", "")))
                    continue
                original = f"{v.series} {v.number}"
                if v.number != number:
                    changed.append(f"{series} {v.number} → {series} {number}")
                add(_new(PlannedVoucher, (series, number, v.date, v.text, v.rows, f"SIE {original}".strip(),
                                          original)))
            if changed:
                shown = ", ".join(changed[:5]) + (" …" if len(changed) > 5 else "")
                self.add(WARNING, f"Serie {series}: {len(changed)} verifikationer får nya nummer eftersom numren i "
                                  f"boken löper utan luckor ({shown}); originalnumret sparas som källa "
                                  "på verifikationen.", "vernr")
        return out


def plan_import(sie: SieFile, book=None, *, orgnr: str | None = None) -> ImportPlan:
    """What importing `sie` would do: into a new book (book=None) or into `book`. Reads
    the book, never writes. The plan's findings include the reader's."""
    p = _Planner(sie, book, orgnr)
    # A file with errors is not imported, but its preview still names the file's own
    # #ORGNR (when it can be read), not the placeholder a new book would get.
    namn, org = p.identity() if not sie.errors else (
        (sie.company_name or "?"), file_orgnr(sie.orgnr)[0] or PLACEHOLDER_ORGNR)
    equity = ACCOUNT_ROLES["equity"].default
    if book is not None:
        setting = book.account_role_setting("equity")
        if setting is not None and book.account(setting):
            equity = setting
    plan = ImportPlan(sie, book is None, namn, org, equity)
    if sie.errors:
        plan.findings = p.findings
        return plan
    kinds = p.accounts(plan)
    if equity not in kinds:
        kinds[equity] = "S"
    p.projects(plan)
    p.objects(plan)

    if sie.is_import_file:
        if book is None:
            p.add(ERROR, "Filen är en importfil (typ 4I, utan #RAR) och kan bara läsas in i en befintlig bok "
                         "vars räkenskapsår omfattar verifikationernas datum.", "#RAR")
        else:
            groups: dict[int, list] = {}
            years = {}
            for v in sie.vouchers:
                fy = book.year_of_date(v.date)
                if fy is None:
                    p.add(ERROR, f"Verifikation {v.ref} är daterad {v.date}, men boken har inget räkenskapsår "
                                 "som omfattar datumet.", "verdatum", v.line)
                elif fy.is_closed:
                    p.add(ERROR, f"Verifikation {v.ref} är daterad {v.date} i räkenskapsåret {fy.label}, som är "
                                 "stängt.", "verdatum", v.line)
                else:
                    groups.setdefault(fy.id, []).append(v)
                    years[fy.id] = fy
            for yid, vs in groups.items():
                fy = years[yid]
                py = PlannedYear(None, fy.start, fy.end, True)
                py.vouchers = p.number_vouchers(yid, vs, fy.start, fy.end)
                plan.years.append(py)
        plan.findings = p.findings
        return plan

    if book is not None and not p.years_fit():
        plan.findings = p.findings
        return plan
    for n in sorted(sie.years):
        start, end = sie.years[n]
        fy = p.book_year(start, end)
        if fy is False:
            continue
        py = PlannedYear(n, start, end, fy is not None)
        p.opening_difference = 0
        py.opening = p.opening(n, kinds, equity, py.label)
        py.opening_difference = p.opening_difference
        has_file_vouchers = n == 0 and bool(sie.vouchers)
        if fy is not None and fy.is_closed:
            if has_file_vouchers:
                p.add(ERROR, f"Räkenskapsåret {fy.label} är stängt i boken; filens verifikationer kan inte "
                             "bokföras i det.", "#RAR")
            else:
                p.add(WARNING, f"Räkenskapsåret {fy.label} är stängt i boken; filens saldon för det jämförs bara.",
                      "#RAR")
            plan.years.append(py)
            continue
        if fy is not None:
            have = book.opening_balances(fy.id)
            code_of = {pr.id: pr.code for pr in book.projects()}
            have_c = {(a, code_of.get(pid) if pid else None): amt for (a, pid), amt in have.items()}
            if not have:
                py.set_opening = bool(py.opening)
            elif have_c != py.opening:
                p.add(WARNING, f"Boken har redan andra ingående balanser för {fy.label} än filen; bokens behålls.",
                      "#IB")
        else:
            py.set_opening = bool(py.opening)
        if has_file_vouchers:
            py.vouchers = p.number_vouchers(fy.id if fy else None, sie.vouchers, start, end)
        else:
            has_booked = fy is not None and book.year_voucher_count(fy.id) > 0
            if has_booked:
                p.add(WARNING, f"Räkenskapsåret {py.label} har redan verifikationer i boken; filens saldon för "
                               "det jämförs bara.", "#UB")
            else:
                first = book.next_voucher_number(fy.id, SUMMARY_SERIES) if fy is not None else 1
                sv = p.summary(n, py, kinds, equity, first)
                if sv:
                    py.vouchers = [sv]
                    py.summary = True
        plan.years.append(py)
    plan.years.sort(key=lambda y: y.start)
    plan.findings = p.findings
    return plan
