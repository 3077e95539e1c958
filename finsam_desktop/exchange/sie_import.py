"""Import a SIE file into a new or an existing book, all or nothing.

    report = import_sie("BOKF.SE", "forbund.finsam")

1. `read_sie` reads the file (pure, findings only);
2. `plan_import` decides what to create (pure, reads the book);
3. `apply_plan` writes the plan in one transaction through BulkMixin;
4. `compare_balances` checks the book's own balances against the file's #UB/#RES/#OUB
   and reports every difference.

A new book is built in a temporary file and renamed into place only when everything
succeeded; an existing book is changed in one transaction. Errors raise SieImportRefused
(a FinsamError) carrying every finding; warnings are returned in the report.

With `progress` (the desktop program's ui.tasks.Progress, or anything with `update` and
`check`), the import reports how far it has come and stops where stopping is safe: a new
book's temporary file is removed, an open book's transaction is rolled back before its
commit. Whatever `progress.check()` raises is passed on; nothing is left half-written.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..book import Book
from ..errors import BookFileError, FinsamError
from ..files import leftover_temp_files, move_into_place, target_lock, unique_temp_name
from ..money import format_ore
from ..findings import ERROR, WARNING, Finding
from .sie_model import SieFile
from .sie_plan import ImportPlan, plan_import
from .sie_reader import read_sie


class SieImportRefused(FinsamError):
    """The file has errors; nothing was written. `findings` lists all of them."""

    def __init__(self, message: str, findings: list[Finding], path: str | None = None):
        first = next((f for f in findings if f.is_error), None)
        super().__init__(message, line=first.line if first else None, field=first.field if first else None,
                         path=path)
        self.findings = findings


@dataclass(frozen=True)
class BalanceDifference:
    year: str          # the räkenskapsår's label
    record: str        # '#UB', '#RES' or '#OUB'
    account: int
    project: str | None
    book: int
    file: int

    @property
    def difference(self) -> int:
        return self.book - self.file


@dataclass
class ImportReport:
    book_path: Path
    created: bool
    plan: ImportPlan
    differences: list[BalanceDifference] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]

    @property
    def new_accounts(self) -> list[tuple[int, str, str, str | None]]:
        return self.plan.new_accounts

    @property
    def voucher_count(self) -> int:
        return self.plan.voucher_count


def refuse_if_errors(plan: ImportPlan) -> None:
    errors = plan.errors
    if errors:
        more = f" ({len(errors) - 1} fel till)" if len(errors) > 1 else ""
        raise SieImportRefused(f"SIE-filen läses inte in: {errors[0].message}{more}", plan.findings,
                               path=plan.sie.path)


def refuse_equity_postings(plan: ImportPlan) -> None:
    """The file does not balance: refuse, naming each amount that would go to eget kapital."""
    postings = plan.equity_postings
    if postings:
        found = [Finding(ERROR, f"Filen går inte ihop: {p.describe(plan.equity_account)} skulle bokföras "
                                "som skillnad mot eget kapital.", path=plan.sie.path, check="import.differens")
                 for p in postings]
        raise SieImportRefused(f"SIE-filen läses inte in: {found[0].message}", found + plan.findings,
                               path=plan.sie.path)


def _step(progress, text: str, done: int = 0, total: int = 0) -> None:
    """Report how far the import has come and stop here if the user asked to."""
    if progress is not None:
        progress.update(done, total, text)
        progress.check()


def apply_plan(plan: ImportPlan, book: Book, *, progress=None) -> None:
    """Write the plan into the book in one transaction (all or nothing). With `progress`,
    a cancel between the steps and at the last moment before the commit rolls it all back."""
    refuse_if_errors(plan)
    total, done = plan.voucher_count, 0
    with book.transaction():
        _step(progress, "Lägger upp konton och insatser …", done, total)
        if plan.renamed_accounts:
            book.bulk_rename_accounts(plan.renamed_accounts)
        if plan.new_accounts:
            book.bulk_add_accounts(plan.new_accounts)
        ids = book.bulk_add_projects(plan.projects) if plan.projects else {}
        for p in book.projects():
            ids.setdefault(p.code, p.id)
        # Motparter by name: one the book already has is used again, a new one is added.
        counterpart_ids = {}
        for code, name in plan.counterparts.items():
            cp = book.counterpart_by_name(name) or book.add_counterpart(name)
            counterpart_ids[code] = cp.id
        if plan.dimensions:
            book.bulk_add_dimensions(plan.dimensions)
        if plan.objects:
            book.bulk_add_objects(plan.objects)
        for y in plan.years:
            fy = next((b for b in book.years() if b.start == y.start and b.end == y.end), None)
            if fy is None:
                fy = book.add_year(y.start, y.end)
            if fy.is_closed:
                continue
            _step(progress, f"Bokför räkenskapsåret {y.label} …", done, total)
            if y.set_opening:
                book.bulk_set_opening_balances(fy.id, {(a, ids[c] if c else None): amt
                                                       for (a, c), amt in y.opening.items()})
            if y.vouchers:
                # The planned rows name insatser by code; the bulk booking looks up their ids.
                book.bulk_book_vouchers(fy.id, y.vouchers, project_ids=ids, counterpart_ids=counterpart_ids)
                done += len(y.vouchers)
        book.audit("sie.import", file=Path(plan.sie.path).name, vouchers=plan.voucher_count,
                   accounts=len(plan.new_accounts), years=[y.label for y in plan.years])
        # The last safe point: after the commit the import can no longer be undone.
        _step(progress, "Sparar …", total, total)


def compare_balances(sie: SieFile, book: Book) -> list[BalanceDifference]:
    """Every account where the book's utgående balans (#UB), result (#RES) or balance per
    insats (#OUB) for one of the file's years differs from the file."""
    out: list[BalanceDifference] = []
    kinds = {a.number: a.kind for a in book.accounts()}
    codes = {p.id: p.code for p in book.projects()}
    for n, (start, end) in sorted(sie.years.items()):
        fy = next((y for y in book.years() if y.start == start and y.end == end), None)
        file_ub = {a: v for (y, a), v in sie.ub.items() if y == n}
        file_res = {a: v for (y, a), v in sie.res.items() if y == n}
        file_oub = {(a, c): v for (y, a, _d, c), v in sie.oub.items() if y == n}
        if fy is None or not (file_ub or file_res or file_oub):
            continue
        label = fy.label
        closing_p: dict[tuple[int, str | None], int] = {}
        for (a, pid), v in book.opening_balances(fy.id).items():
            key = (a, codes.get(pid) if pid else None)
            closing_p[key] = closing_p.get(key, 0) + v
        moves_p = book.movements(fy.start, fy.end, by_project=True)
        result: dict[int, int] = {}
        for (a, pid), v in moves_p.items():
            if kinds.get(a) in ("I", "K"):
                result[a] = result.get(a, 0) + v
            else:
                key = (a, codes.get(pid) if pid else None)
                closing_p[key] = closing_p.get(key, 0) + v
        closing: dict[int, int] = {}
        for (a, _c), v in closing_p.items():
            if kinds.get(a) in ("T", "S"):
                closing[a] = closing.get(a, 0) + v
        for a in sorted(set(file_ub) | {a for a, v in closing.items() if v}):
            if closing.get(a, 0) != file_ub.get(a, 0):
                out.append(BalanceDifference(label, "#UB", a, None, closing.get(a, 0), file_ub.get(a, 0)))
        for a in sorted(set(file_res) | {a for a, v in result.items() if v}):
            if result.get(a, 0) != file_res.get(a, 0):
                out.append(BalanceDifference(label, "#RES", a, None, result.get(a, 0), file_res.get(a, 0)))
        if file_oub:
            for (a, c) in sorted(file_oub, key=lambda k: (k[0], k[1])):
                have = closing_p.get((a, c), 0)
                if have != file_oub[(a, c)]:
                    out.append(BalanceDifference(label, "#OUB", a, c, have, file_oub[(a, c)]))
    return out


def equity_notes(sie: SieFile) -> list[Finding]:
    """Per year: whether the file's #UB already holds the year's result in eget kapital
    (the book adds the result only at the bokslut), or fits neither convention."""
    name = Path(sie.path).name
    out = []
    for n, (start, end) in sorted(sie.years.items()):
        ub = sum(v for (y, _a), v in sie.ub.items() if y == n)
        res = sum(v for (y, _a), v in sie.res.items() if y == n)
        has_ub = any(y == n for (y, _a) in sie.ub)
        if not has_ub or ub == -res:
            continue
        if ub == 0:
            text = (f"Filens utgående balanser för {start[:4] if start[5:] == '01-01' else start} innehåller årets "
                    f"resultat ({format_ore(-res)} kr) i eget kapital; boken för resultatet till eget kapital först "
                    "vid bokslutet, så eget kapital skiljer med årets resultat.")
        else:
            text = (f"Filens balanser för räkenskapsåret {start} – {end} går inte ihop: de utgående balanserna "
                    f"summerar till {format_ore(ub)} kr, varken 0 eller minus årets resultat ({format_ore(res)} kr).")
        out.append(Finding(WARNING, f"{name}: {text}", sie.path, None, "#UB"))
    return out


def difference_findings(sie: SieFile, diffs: list[BalanceDifference]) -> list[Finding]:
    name = Path(sie.path).name
    out = equity_notes(sie) if diffs else []
    for d in diffs:
        what = {"#UB": "utgående balans", "#RES": "resultat", "#OUB": "utgående balans"}[d.record]
        proj = f" för insats {d.project}" if d.project else ""
        out.append(Finding(WARNING, f"{name}: Konto {d.account}{proj} {d.year}: bokens {what} är "
                                    f"{format_ore(d.book)} kr men filens {d.record} är {format_ore(d.file)} kr "
                                    f"(skillnad {format_ore(d.difference)} kr).", sie.path, None, d.record))
    return out


def _remove_book_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(path) + suffix).unlink(missing_ok=True)


@contextmanager
def _collector_paused():
    """Pause Python's cycle collector: a big file becomes a few objects per #TRANS,
    hundreds of thousands in all and none of them in a reference cycle, and the collector
    would walk all of them again every time they grow by a quarter (a third of the
    reading time)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def import_sie(sie_path: str | Path, into: str | Path, *, orgnr: str | None = None,
               progress=None, post_difference: bool = True) -> ImportReport:
    """Import a SIE file into the book `into`: created when it does not exist, otherwise
    extended (its matching räkenskapsår, or the years covering a 4I file's dates).
    Raises SieImportRefused (nothing written) when the file or plan has errors, or when
    the file does not balance and `post_difference` is False (the caller has not agreed to
    the difference going to eget kapital), and what `progress.check()` raises (nothing
    written either) when the user cancelled."""
    target = Path(into)
    if not target.parent.exists():
        raise BookFileError(f"Mappen {target.parent} finns inte.", path=str(target))
    with _collector_paused(), target_lock(target, BookFileError):
        # Holding the lock, every temporary file beside the target is a killed run's.
        leftovers = leftover_temp_files(target, "import")
        for p in leftovers:
            p.unlink(missing_ok=True)
        report = _import(sie_path, into, orgnr=orgnr, progress=progress, post_difference=post_difference)
    if leftovers:
        names = ", ".join(p.name for p in leftovers)
        report.findings.insert(0, Finding(WARNING, f"Temporära filer från en avbruten import togs bort: {names}.",
                                          path=str(target), check="import.leftover"))
    return report


def _import(sie_path: str | Path, into: str | Path, *, orgnr: str | None, progress,
            post_difference: bool) -> ImportReport:
    _step(progress, "Läser SIE-filen …")
    sie = read_sie(sie_path)
    _step(progress, "Kontrollerar filen mot boken …")
    target = Path(into)
    if target.exists():
        book = Book.open(target)
        try:
            plan = plan_import(sie, book, orgnr=orgnr)
            refuse_if_errors(plan)
            if not post_difference:
                refuse_equity_postings(plan)
            book.backup("import")  # an import into an existing book can be undone from this
            apply_plan(plan, book, progress=progress)
            # Committed: from here on the import is done and is not cancelled any more.
            if progress is not None:
                progress.update(plan.voucher_count, plan.voucher_count, "Jämför saldona med filen …")
            diffs = compare_balances(sie, book)
        finally:
            book.close()
        return ImportReport(target, False, plan, diffs, plan.findings + difference_findings(sie, diffs))

    if not target.parent.exists():
        raise BookFileError(f"Mappen {target.parent} finns inte.", path=str(target))
    plan = plan_import(sie, None, orgnr=orgnr)
    refuse_if_errors(plan)
    if not post_difference:
        refuse_equity_postings(plan)
    _step(progress, "Skapar boken …")
    first = plan.years[0] if plan.years else None
    if first is None:
        raise SieImportRefused(f"SIE-filen {Path(sie.path).name} har inget räkenskapsår att skapa en bok för.",
                               plan.findings, path=sie.path)
    tmp = unique_temp_name(target, "import")
    try:
        book = Book.create(tmp, namn=plan.namn, orgnr=plan.orgnr, year_start=first.start, year_end=first.end,
                           check_orgnr=False)
        try:
            apply_plan(plan, book, progress=progress)
            _step(progress, "Jämför saldona med filen …", plan.voucher_count, plan.voucher_count)
            diffs = compare_balances(sie, book)
        finally:
            book.close()
        # The new book is still at its temporary name: a cancel now throws it away.
        _step(progress, "Sparar den nya boken …", plan.voucher_count, plan.voucher_count)
        move_into_place(tmp, target, BookFileError)
    except BaseException:
        _remove_book_files(tmp)
        raise
    _remove_book_files(tmp)
    return ImportReport(target, True, plan, diffs, plan.findings + difference_findings(sie, diffs))
