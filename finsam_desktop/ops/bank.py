"""The bank: importing statements, matching their lines to verifikationer, booking
verifikationer from rules, and the reconciliation (avstämning) at any date."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date as _date, timedelta
from pathlib import Path

from ..bank.camt import parse_camt053
from ..bank.camt_write import write_camt053
from ..bank.csvfile import PRESETS, CsvMapping
from ..bank.matching import LineCandidate, Movement, Rule, propose_matches, rule_for, template_for
from ..bank.model import BankLine, ParsedFile, Statement, StatementError, normalize_account_id, with_occurrences
from ..bank.read import check_parsed, read_statement_file
from ..bank.reconcile import OpenLine, OpenMovement, Reconciliation
from ..book import Book
from ..book.model import Voucher
from ..errors import InputError, RuleError
from ..money import format_ore

DEMO_IBAN = "SE7280000810340009783242"


@dataclass
class ImportResult:
    file: str
    format: str
    account: int
    lines: int = 0                  # lines in the file
    new: int = 0
    duplicates: int = 0
    matched: int = 0                # new lines with a proposed (or confirmed) match
    statements: int = 0
    gaps: list[str] = field(default_factory=list)
    bound: str = ""                 # an account id the import connected to the ledger account
    line_ids: list[int] = field(default_factory=list)

    @property
    def unmatched(self) -> int:
        return self.new - self.matched

    def to_json(self) -> dict:
        return {"fil": self.file, "format": self.format, "konto": self.account, "kontoutdrag": self.statements,
                "rader": self.lines, "nya": self.new, "dubbletter": self.duplicates, "matchade": self.matched,
                "omatchade": self.unmatched, "luckor": self.gaps, "kopplat_bankkonto": self.bound}


def _bank_account(book: Book, account: int | None) -> int:
    number = book.account_role("bank") if account is None else int(account)
    acc = book.account(number)
    if acc is None:
        raise InputError(f"Konto {number} finns inte i kontoplanen (fältet konto).", field="konto")
    if acc.kind != "T":
        raise InputError(f"Konto {number} {acc.name} är inget tillgångskonto och kan inte vara ett bankkonto.",
                         field="konto")
    return number


def csv_mapping(book: Book, account: int) -> CsvMapping | None:
    text = book.bank_csv_mapping(account)
    return CsvMapping.from_json(text) if text else None


def set_csv_mapping(book: Book, account: int | None, mapping: CsvMapping | str) -> CsvMapping:
    """Remember how the bank's CSV files for this account are laid out (a preset's name
    or a mapping of its own)."""
    number = _bank_account(book, account)
    if isinstance(mapping, str):
        if mapping not in PRESETS:
            raise InputError(f"Okänt CSV-format ”{mapping}”; välj bland {', '.join(PRESETS)}.", field="format")
        mapping = PRESETS[mapping]
    if not mapping.date or not mapping.texts() or not (mapping.amount or (mapping.debit and mapping.credit)):
        raise InputError("Kolumnmappningen behöver kolumner för datum, text och belopp (eller debet och kredit).",
                         field="kolumner")
    book.set_bank_csv_mapping(number, mapping.to_json())
    return mapping


# ---------------------------------------------------------------------- import
def import_statement(book: Book, path: str | Path, *, account: int | None = None,
                     mapping: CsvMapping | None = None) -> ImportResult:
    """Read a camt.053 or CSV statement into the book: new lines are kept, lines already
    in the book are skipped, and the new lines get match proposals. A refused file
    writes nothing."""
    number = _bank_account(book, account)
    parsed = read_statement_file(path, mapping=mapping or csv_mapping(book, number))
    return import_parsed(book, parsed, account=number)


def import_parsed(book: Book, parsed: ParsedFile, *, account: int | None = None) -> ImportResult:
    number = _bank_account(book, account)
    name = Path(parsed.path).name
    result = ImportResult(name, parsed.format, number, lines=parsed.line_count, statements=len(parsed.statements))
    bound = {}
    for acc in book.accounts():
        aid = normalize_account_id(book.bank_account_id(acc.number))
        if aid:
            bound[aid] = acc.number
    own = normalize_account_id(book.bank_account_id(number))
    to_bind: dict[str, int] = {}
    plan = []   # (ledger account, statement, new lines with keys)
    for st in parsed.statements:
        aid = normalize_account_id(st.account_id)
        target = number
        if aid:
            if aid in bound:
                target = bound[aid]
            elif own and own != aid:
                raise StatementError(
                    f"{name} ({st.where}, Acct/Id): kontoutdraget gäller bankkontot {st.account_id}, men bokens "
                    f"konto {number} är kopplat till bankkontot {book.bank_account_id(number)}. Välj rätt konto "
                    "i boken. Ingenting har lästs in.", path=parsed.path, field="Acct/Id")
            elif to_bind and aid not in to_bind:
                raise StatementError(
                    f"{name} ({st.where}, Acct/Id): filen har kontoutdrag för flera bankkonton "
                    f"({', '.join([*to_bind, st.account_id])}) och bara konto {number} kan kopplas vid en inläsning. "
                    "Läs in filen en gång per konto med kontot valt. Ingenting har lästs in.",
                    path=parsed.path, field="Acct/Id")
            else:
                to_bind[aid] = number
        keys = with_occurrences(st.lines)
        known = book.known_bank_keys(target, keys)
        new = [(ln, k) for ln, k in zip(st.lines, keys) if k not in known]
        result.duplicates += len(st.lines) - len(new)
        same = bool(st.statement_ref) and any(
            (s.statement_ref, s.date_from, s.date_to) == (st.statement_ref, st.date_from, st.date_to)
            for s in book.bank_statements(target))
        if not (same and not new):  # the very same statement again adds nothing
            plan.append((target, st, new))
    if not any(new for _t, _s, new in plan) and (result.lines or not plan):
        what = (f"alla {result.lines} rader finns redan i boken" if result.lines
                else "samma kontoutdrag för samma period finns redan i boken")
        raise StatementError(f"{name}: kontoutdraget är redan inläst; {what}. Ingenting har lästs in.",
                             path=parsed.path)
    earlier: dict[int, list[tuple]] = {}
    for target, st, _new in plan:
        if target not in earlier:
            earlier[target] = [(s.date_from, s.date_to, s.closing, s.file_name) for s in book.bank_statements(target)]
        result.gaps += _gaps(earlier[target], st, name)
        earlier[target].append((st.date_from, st.date_to, st.closing, name))
    with book.transaction():
        for aid, target in to_bind.items():
            book._set_bank_setting(f"bank_account_id_{target}", aid)
            result.bound = aid
        touched = set()
        for target, st, new in plan:
            _sid, ids = book.insert_bank_statement(
                target, account_id=st.account_id, statement_ref=st.statement_ref, file_name=name,
                format=parsed.format, date_from=st.date_from, date_to=st.date_to, opening=st.opening,
                closing=st.closing,
                lines=[(ln.booking_date, ln.value_date or ln.booking_date, ln.amount, ln.text, ln.reference, ln.ocr,
                        ln.counterparty, ln.balance, k) for ln, k in new])
            result.line_ids += ids
            result.new += len(ids)
            touched.add(target)
        for target in touched:
            _propose(book, target)
        book.audit("bank.import", file=name, format=parsed.format, account=number, new=result.new,
                   duplicates=result.duplicates)
    new_ids = set(result.line_ids)
    for target in touched:
        result.matched += sum(1 for ln in book.bank_lines(target) if ln.id in new_ids and ln.voucher_ids)
    return result


def _gaps(earlier: list[tuple], st: Statement, name: str) -> list[str]:
    """What does not join up between the statement and the ones before it (in the book or
    earlier in the same file): (date_from, date_to, closing, file name) each."""
    out = []
    before = [e for e in earlier if e[0] < st.date_from]
    if before:
        _from, prev_to, prev_closing, prev_name = max(before, key=lambda e: e[1])
        next_day = (_date.fromisoformat(prev_to) + timedelta(days=1)).isoformat()
        if prev_to < st.date_from and next_day < st.date_from:
            last = (_date.fromisoformat(st.date_from) - timedelta(days=1)).isoformat()
            out.append(f"Lucka: inget kontoutdrag för {next_day}–{last} mellan {prev_name} och {name}.")
        if prev_to < st.date_from and prev_closing is not None and st.opening is not None \
                and prev_closing != st.opening:
            out.append(f"Lucka: {prev_name} slutar med saldot {format_ore(prev_closing)} kr den {prev_to} "
                       f"men {name} börjar med {format_ore(st.opening)} kr den {st.date_from} "
                       f"(differens {format_ore(st.opening - prev_closing)} kr).")
    return out


# ---------------------------------------------------------------------- matching
def _propose(book: Book, account: int) -> int:
    """Inside the caller's transaction: proposals for every unmatched line of the account."""
    lines = book.bank_lines(account, status="omatchad")
    if not lines:
        return 0
    lo = (_date.fromisoformat(lines[0].booking_date) - timedelta(days=14)).isoformat()
    hi = (_date.fromisoformat(lines[-1].booking_date) + timedelta(days=14)).isoformat()
    movements = [Movement(m.voucher_id, m.date, m.amount, m.text, m.ref)
                 for m in book.bank_movements(account, lo, hi) if m.line_id is None]
    proposals = propose_matches([LineCandidate(ln.id, ln.booking_date, ln.amount, ln.text, ln.ocr, ln.reference,
                                               ln.counterparty) for ln in lines], movements)
    book.add_bank_matches([(p.line_id, vid) for p in proposals for vid in p.voucher_ids],
                          confirmed=False, kind="förslag")
    return len(proposals)


def find_matches(book: Book, account: int | None = None) -> int:
    """Look again for proposals for the unmatched lines (after booking)."""
    number = _bank_account(book, account)
    with book.transaction():
        return _propose(book, number)


def confirm_matches(book: Book, line_ids: list[int] | None = None, *, account: int | None = None) -> int:
    """Confirm the proposals of these lines (None: every proposal of the account)."""
    number = _bank_account(book, account)
    with book.transaction():
        n = book.confirm_bank_matches(line_ids, account=number)
        book.audit("bank.confirm", account=number, lines=line_ids if line_ids is not None else "alla", matches=n)
    return n


def reject_proposal(book: Book, line_id: int) -> None:
    line = book.bank_line(line_id)
    if line.confirmed:
        raise RuleError(f"Bankraden {line_id} är redan avstämd; ta bort matchningen i stället.")
    with book.transaction():
        book.remove_bank_matches(line_id)


def unmatch(book: Book, line_id: int) -> None:
    """Undo the match of a line (proposed or confirmed); the verifikationer stay booked."""
    line = book.bank_line(line_id)
    with book.transaction():
        book.remove_bank_matches(line_id)
        book.audit("bank.unmatch", line=line_id, vouchers=list(line.voucher_ids))


def match_by_hand(book: Book, line_id: int, voucher_ids: list[int]) -> None:
    """Match a line to one or several booked verifikationer: their movements of the bank
    account must add up to the line's amount."""
    line = book.bank_line(line_id)
    if not voucher_ids:
        raise InputError("Välj minst en verifikation att matcha bankraden mot.", field="verifikation")
    total = 0
    for vid in voucher_ids:
        v = book.voucher(vid)
        if v is None:
            raise InputError(f"Verifikationen {vid} finns inte.", field="verifikation")
        amount = book.bank_voucher_amount(vid, line.account)
        if not amount:
            raise RuleError(f"Verifikation {v.series} {v.number} har ingen rad på konto {line.account}.",
                            field="verifikation")
        total += amount
    taken = {m.voucher_id: m.line_id for m in book.bank_movements(line.account, "0000-01-01", "9999-12-31")
             if m.voucher_id in voucher_ids and m.line_id not in (None, line_id)}
    if taken:
        vid, other = next(iter(taken.items()))
        v = book.voucher(vid)
        raise RuleError(f"Verifikation {v.series} {v.number} är redan matchad mot bankrad {other}.",
                        field="verifikation")
    if total != line.amount:
        raise RuleError(f"Verifikationerna flyttar {format_ore(total)} kr på konto {line.account} men bankraden "
                        f"är {format_ore(line.amount)} kr (differens {format_ore(line.amount - total)} kr).",
                        field="belopp")
    with book.transaction():
        book.remove_bank_matches(line_id)
        book.add_bank_matches([(line_id, vid) for vid in voucher_ids], confirmed=True, kind="hand")
        book.audit("bank.match", line=line_id, vouchers=voucher_ids)


# ---------------------------------------------------------------------- rules
def add_rule(book: Book, pattern: str, account: int, text: str = "") -> int:
    if not (pattern or "").strip():
        raise InputError("Regeln behöver en text att känna igen (t.ex. BANKAVGIFT).", field="text")
    if book.account(int(account)) is None:
        raise InputError(f"Konto {account} finns inte i kontoplanen.", field="konto")
    return book.add_bank_rule(pattern, int(account), text)


def _rules(book: Book) -> list[Rule]:
    return [Rule(r.id, r.pattern, r.account, r.text) for r in book.bank_rules()]


def rule_proposal(book: Book, line_id: int, rules: list[Rule] | None = None) -> dict | None:
    """The verifikation proposed for an unmatched line: by the first rule that fits, else
    by a mall (the newest earlier line with the same text or counterparty, matched to a
    verifikation of two rows). dict(date, text, rows, account, rule, mall) or None."""
    line = book.bank_line(line_id)
    rule = rule_for(_rules(book) if rules is None else rules, line.text, line.counterparty)
    if rule is not None:
        return dict(date=line.booking_date, text=rule.text or line.text or rule.pattern, rule=rule.pattern, mall="",
                    rows=[(line.account, line.amount), (rule.account, -line.amount)], account=rule.account)
    mall = template_for(book.bank_history(line.account), line.text, line.counterparty)
    if mall is None:
        return None
    v = book.voucher(mall.voucher_id)
    return dict(date=line.booking_date, text=line.text or v.text, rule="", mall=mall.ref,
                rows=[(line.account, line.amount), (mall.account, -line.amount)], account=mall.account)


def book_line(book: Book, line_id: int, *, account: int | None = None, text: str | None = None) -> Voucher:
    """Book a verifikation for an unmatched line (by its rule, or against `account`) and
    match the line to it, in one transaction."""
    line = book.bank_line(line_id)
    if line.voucher_ids:
        raise RuleError(f"Bankraden {line_id} är redan matchad.", field="bankrad")
    if account is None:
        proposal = rule_proposal(book, line_id)
        if proposal is None:
            raise RuleError(f"Ingen regel eller mall passar bankraden ”{line.text}”; ange ett motkonto.",
                            field="konto")
        account, text = proposal["account"], text or proposal["text"]
    if book.account(int(account)) is None:
        raise InputError(f"Konto {account} finns inte i kontoplanen.", field="konto")
    with book.transaction():
        v = book.book_voucher(line.booking_date, text or line.text or "Bankhändelse",
                              [(line.account, line.amount, None, None, line.text), (int(account), -line.amount)],
                              source=f"bank {line.reference or line.id}")
        book.add_bank_matches([(line_id, v.id)], confirmed=True, kind="regel")
    return v


def book_rule_proposals(book: Book, account: int | None = None) -> list[Voucher]:
    """Book every unmatched line a rule fits (one transaction)."""
    number = _bank_account(book, account)
    rules = _rules(book)
    out = []
    with book.transaction():
        for line in book.bank_lines(number, status="omatchad"):
            if rule_for(rules, line.text, line.counterparty):
                out.append(book_line(book, line.id))
    return out


def book_proposals(book: Book, account: int | None = None) -> list[Voucher]:
    """Book every unmatched line a rule or a mall proposes a verifikation for (one transaction)."""
    number = _bank_account(book, account)
    out = []
    with book.transaction():
        rules = _rules(book)
        for line in book.bank_lines(number, status="omatchad"):
            if rule_proposal(book, line.id, rules) is not None:
                out.append(book_line(book, line.id))
    return out


# ---------------------------------------------------------------------- reconciliation
def reconcile(book: Book, date: str, *, account: int | None = None) -> Reconciliation:
    """The bank's balance, the book's and what explains the difference at the end of `date`."""
    number = _bank_account(book, account)
    try:
        _date.fromisoformat(date)
    except ValueError:
        raise InputError(f"”{date}” är inget datum (ÅÅÅÅ-MM-DD).", field="datum") from None
    if book.year_of_date(date) is None:
        raise RuleError(f"Datumet {date} ligger inte i något räkenskapsår.", field="datum")
    acc = book.account(number)
    f = book.forbund()
    rec = Reconciliation(number, acc.name, date, book.bank_balance_at(number, date),
                         book.balance_at(date, accounts=[number]).get(number, 0), forbund=f.namn, orgnr=f.orgnr)
    start = book.first_bank_date(number)
    if start is None or start > date:
        return rec
    rec.statements = sum(1 for s in book.bank_statements(number) if s.date_from <= date)
    movements = book.bank_movements(number, "0000-01-01", date)
    voucher_date = {m.voucher_id: m.date for m in movements}
    lines = book.bank_lines(number, start, date)
    line_date = {ln.id: ln.booking_date for ln in lines}
    for ln in lines:
        if not (ln.confirmed and ln.voucher_ids and all(v in voucher_date for v in ln.voucher_ids)):
            rec.open_lines.append(OpenLine(ln.id, ln.booking_date, ln.amount, ln.text))
    for m in movements:
        if m.date < start:
            continue
        if not (m.confirmed and m.line_id in line_date):
            rec.open_movements.append(OpenMovement(m.voucher_id, m.ref, m.date, m.amount, m.text))
    return rec


def month_ends(book: Book, year_id: int, *, account: int | None = None) -> list[Reconciliation]:
    """The reconciliation at each month end of the year that statements cover."""
    year = book.existing_year(year_id)
    out = []
    d = _date.fromisoformat(year.start)
    end = _date.fromisoformat(year.end)
    while d <= end:
        nxt = (d.replace(day=28) + timedelta(days=4)).replace(day=1)
        last = min(nxt - timedelta(days=1), end)
        out.append(reconcile(book, last.isoformat(), account=account))
        d = nxt
    return out


# ---------------------------------------------------------------------- the demo book
def add_demo_statements(book: Book, year: int = 2025) -> ImportResult:
    """The demo book's bank statement for `year`: one camt.053 statement per month, one
    line per movement of the bank account, imported, matched and confirmed."""
    number = book.account_role("bank")
    opening = book.ledger_opening(number, f"{year}-01-01")
    movements = book.bank_movements(number, f"{year}-01-01", f"{year}-12-31")
    statements = []
    balance = opening
    for m in range(1, 13):
        first = _date(year, m, 1)
        last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        lines = []
        for mv in movements:
            if first.isoformat() <= mv.date <= last.isoformat():
                lines.append(BankLine(mv.date, mv.amount, _demo_text(mv.text), reference=f"{year}{mv.voucher_id:07d}",
                                      counterparty=_demo_party(mv.text, mv.amount)))
        closing = balance + sum(ln.amount for ln in lines)
        statements.append(Statement(DEMO_IBAN, "SEK", first.isoformat(), last.isoformat(), balance, closing, lines,
                                    statement_ref=f"{year}-{m:02d}"))
        balance = closing
    data = write_camt053(statements, version="08", msg_id=f"DEMO-{year}")
    parsed = parse_camt053(data, f"kontoutdrag-{year}.xml")
    check_parsed(parsed)
    result = import_parsed(book, parsed, account=number)
    confirm_matches(book, account=number)
    return result


def _demo_text(text: str) -> str:
    """What the bank would print: the first words of the verifikation's text, upper case."""
    return text.split(":")[0][:35].upper()


def _demo_party(text: str, amount: int) -> str:
    head = text.split(":")[0]
    return head if amount > 0 and len(head) < 40 else ""
