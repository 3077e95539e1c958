"""Period-end accruals: interimsskulder to projektägare and the other upplupna kostnader
and förutbetalda intäkter of a bokslut or delårsbokslut.

    s = suggest(book, "2021-12-31")          # one line per active insats + the other kinds
    booking = book_accruals(book, "2021-12-31", [
        AccrualEntry(amount=492_163_00, project_id=stegsam.id),
        AccrualEntry(kind="styrelsearvoden", amount=12_000_00),
    ])
    booking.voucher, booking.reversal        # the verifikation and its återföring

One verifikation dated the period end: each insats line debits the insats' cost account
and credits the interimsskuld account, both rows carrying the insats (project_id) and the
projektägare (counterpart_id), so the balance per insats of the interimsskuld account is
exactly the specification the note on kortfristiga skulder prints. It is reversed on the
first day of the next period: at once when that day lies in an open year, otherwise by
`book_pending_reversals`, which the year-end code calls after opening the next year.
Every decided line is remembered (table `accrual`), an explicit 0 too; a decided line
cannot be booked again for the same period end.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from ..book.accruals import AccrualRecord
from ..book.model import FiscalYear, Project, Voucher, VoucherRow
from ..book.validate import parse_date
from ..book.vouchers import day_after
from ..book.yearend import period_fraction
from ..errors import InputError, RuleError
from ..money import format_kr, pro_rata

@dataclass(frozen=True)
class AccrualKind:
    """A kind of accrual other than an insats, with its default accounts."""
    key: str
    label: str
    debit_account: int      # the cost (or, for förutbetalda intäkter, income) account
    credit_account: int     # the interimsskuld account


OTHER_KINDS: tuple[AccrualKind, ...] = (
    AccrualKind("styrelsearvoden", "Upplupna styrelsearvoden", 5050, 2950),
    AccrualKind("loner", "Upplupna löner", 5010, 2910),
    AccrualKind("semesterloner", "Upplupna semesterlöner", 5010, 2920),
    AccrualKind("sociala_avgifter", "Upplupna sociala avgifter", 5410, 2930),
    AccrualKind("kanslikostnader", "Övriga upplupna kanslikostnader", 6900, 2990),
    AccrualKind("forutbetalda_intakter", "Förutbetalda intäkter (driftbidrag i förskott)", 3030, 2970),
)
KINDS = {k.key: k for k in OTHER_KINDS}


# ---------------------------------------------------------------------- accounts and periods
def project_cost_account(book, project: Project | None) -> int:
    """The insats' own cost account, else the account role 'project_cost' (4530)."""
    if project is not None and project.account:
        return project.account
    return book.account_role("project_cost")


def _year_for(book, period_end: str) -> FiscalYear:
    year = book.year_of_date(period_end)
    if year is None:
        raise RuleError(f"Periodens slutdatum {period_end} ligger inte i något räkenskapsår i boken.",
                        field="datum")
    return year


def _project_active(p: Project, year: FiscalYear, period_end: str) -> bool:
    return p.active and (p.start is None or p.start <= period_end) and (p.end is None or p.end >= year.start)


# ---------------------------------------------------------------------- the suggestion
@dataclass(frozen=True)
class ProjectAccrualLine:
    """One active insats at a period end (amounts öre, costs positive).

    granted:        beviljat for the whole year;  granted_period: pro rata to the period end.
    booked:         bokfört so far in the year with the insats on any account of the row
                    Verksamhetens kostnader, as the note and the projektuppföljning count
                    it (this period end's own accrual left out).
    reported:       what the projektägare reported as used but not invoiced, or None.
    suggested:      reported if entered, else granted_period − booked, never negative.
    amount:         the amount to book: the decided amount when decided, else suggested.
    record:         the remembered accrual when this period end is decided for the insats.
    booked_elsewhere: interimsskuld credited for the insats on the period end by another
                    verifikation (booked by hand or imported); such a line counts as decided.
    """
    project_id: int
    code: str
    name: str
    owner_id: int | None
    owner: str
    debit_account: int
    credit_account: int
    granted: int
    granted_period: int
    booked: int
    reported: int | None
    comment: str
    suggested: int
    amount: int
    decided: bool
    record: AccrualRecord | None
    booked_elsewhere: int = 0


@dataclass(frozen=True)
class OtherAccrualLine:
    """A non-insats accrual kind (upplupna arvoden, löner, sociala avgifter …); one line
    per kind and label. amount is the decided amount, 0 when undecided."""
    kind: str
    label: str
    debit_account: int | None     # None when the default account is missing from the chart
    credit_account: int | None
    amount: int
    decided: bool
    record: AccrualRecord | None


@dataclass(frozen=True)
class AccrualSuggestion:
    """Everything the period-end form shows for one period end."""
    period_end: str
    year_id: int
    year_label: str
    year_closed: bool
    is_year_end: bool
    reversal_date: str
    projects: tuple[ProjectAccrualLine, ...]
    others: tuple[OtherAccrualLine, ...]
    voucher_ids: tuple[int, ...]          # accrual verifikationer booked for this period end

    @property
    def undecided(self) -> tuple[ProjectAccrualLine, ...]:
        return tuple(l for l in self.projects if not l.decided)

    def to_dict(self) -> dict:
        return asdict(self)


def line_state(line: ProjectAccrualLine | OtherAccrualLine) -> str:
    """Where a line of the suggestion stands, for the front ends to word: 'elsewhere'
    (its interimsskuld booked by another verifikation), 'undecided', 'zero' (decided
    with nothing to book), 'reversed' (booked and reversed) or 'booked'."""
    rec = line.record
    if rec is None and getattr(line, "booked_elsewhere", 0):
        return "elsewhere"
    if rec is None:
        return "undecided"
    if rec.voucher_id is None:
        return "zero"
    return "reversed" if rec.reversal_voucher_id else "booked"


def suggest(book, period_end: str) -> AccrualSuggestion:
    """The period-end accrual lines for `period_end`: every active insats with its
    suggestion, and the other kinds (with what is already decided)."""
    period_end = parse_date(period_end, field="datum")
    year = _year_for(book, period_end)
    frac = period_fraction(year, period_end)
    grants = book.project_grants(year.id)
    booked = book.project_costs(year.start, period_end)
    reports = book.accrual_reports(period_end)
    records = book.accruals(period_end)
    by_project = {r.project_id: r for r in records if r.kind == "insats"}
    owners = {c.id: c.name for c in book.counterparts()}
    credit = book.account_role("accrual")
    credited = book.project_credits_on(credit, period_end)

    lines = []
    for p in book.projects():
        rec = by_project.get(p.id)
        if not (_project_active(p, year, period_end) or rec):
            continue
        # This period end's own interimsskuld (booked here or by another verifikation)
        # is left out of "bokfört so far", so the suggestion does not count it twice.
        own = rec.amount if rec and rec.voucher_id else 0
        elsewhere = -credited.get(p.id, 0) - own
        done = booked.get(p.id, 0) - own - elsewhere
        reported, comment = reports.get(p.id, (None, ""))
        period_grant = pro_rata(grants.get(p.id, 0), frac)
        suggested = reported if reported is not None else max(0, period_grant - done)
        lines.append(ProjectAccrualLine(
            project_id=p.id, code=p.code, name=p.name, owner_id=p.owner_id,
            owner=owners.get(p.owner_id, ""), debit_account=project_cost_account(book, p),
            credit_account=rec.credit_account if rec and rec.credit_account else credit,
            granted=grants.get(p.id, 0), granted_period=period_grant, booked=done,
            reported=reported, comment=rec.comment if rec else comment, suggested=suggested,
            amount=rec.amount if rec else (elsewhere or suggested), decided=rec is not None or elsewhere != 0,
            record=rec, booked_elsewhere=elsewhere))

    known = {a.number for a in book.accounts()}
    others = []
    seen = set()
    for r in records:
        if r.kind != "insats":
            seen.add(r.kind)
            others.append(OtherAccrualLine(r.kind, r.label, r.debit_account, r.credit_account,
                                           r.amount, True, r))
    for k in OTHER_KINDS:
        if k.key not in seen:
            others.append(OtherAccrualLine(
                k.key, k.label, k.debit_account if k.debit_account in known else None,
                k.credit_account if k.credit_account in known else None, 0, False, None))
    order = {k.key: i for i, k in enumerate(OTHER_KINDS)}
    others.sort(key=lambda o: order.get(o.kind, len(order)))
    return AccrualSuggestion(
        period_end=period_end, year_id=year.id, year_label=year.label, year_closed=year.is_closed,
        is_year_end=period_end == year.end, reversal_date=day_after(period_end),
        projects=tuple(lines), others=tuple(others),
        voucher_ids=tuple(sorted({r.voucher_id for r in records if r.voucher_id})))


def undecided_projects(book, period_end: str) -> list[Project]:
    """The active insatser whose interimsskuld at `period_end` is not decided yet (neither
    booked nor explicitly set to 0). The bokslut wizard asks this before closing."""
    period_end = parse_date(period_end, field="datum")
    year = _year_for(book, period_end)
    decided = {r.project_id for r in book.accruals(period_end) if r.kind == "insats"}
    # An interimsskuld booked at the period end by hand or by an import decides it too.
    decided |= set(book.project_credits_on(book.account_role("accrual"), period_end))
    return [p for p in book.projects() if _project_active(p, year, period_end) and p.id not in decided]


# ---------------------------------------------------------------------- booking
@dataclass(frozen=True)
class AccrualEntry:
    """One decided line: an insats (kind 'insats', project_id) or another kind. Amount in
    öre, positive (0 = decided, nothing to book). Accounts default as in `suggest`."""
    amount: int
    kind: str = "insats"
    project_id: int | None = None
    label: str = ""
    debit_account: int | None = None
    credit_account: int | None = None
    counterpart_id: int | None = None
    comment: str = ""


@dataclass(frozen=True)
class AccrualBooking:
    """What `book_accruals` did: the verifikation (None when every line was 0), its
    återföring (None while the next period's year is not open) and the remembered lines."""
    voucher: Voucher | None
    reversal: Voucher | None
    records: tuple[AccrualRecord, ...]


def _resolve(book, period_end: str, e: AccrualEntry, known: set[int]) -> dict:
    """Turn an entry into the accrual record's fields, refusing what cannot be booked."""
    if not isinstance(e.amount, int):
        raise InputError("Beloppet måste anges i hela ören.", field="belopp")
    if e.kind == "insats":
        p = book.project(e.project_id) if e.project_id is not None else None
        if p is None:
            raise InputError("En rad för en insats saknar insats (eller insatsen finns inte).", field="insats")
        what = f"insats {p.code} {p.name}"
        row = f"{p.code} {p.name}"
        fields = dict(kind="insats", project_id=p.id, counterpart_id=e.counterpart_id or p.owner_id,
                      label="", debit_account=e.debit_account or project_cost_account(book, p),
                      credit_account=e.credit_account or book.account_role("accrual"))
    else:
        k = KINDS.get(e.kind)
        if k is None:
            raise InputError(f"Okänd periodiseringstyp ”{e.kind}” (insats, "
                             f"{', '.join(KINDS)}).", field="typ")
        label = (e.label or k.label).strip()
        what = row = label
        fields = dict(kind=k.key, project_id=e.project_id, counterpart_id=e.counterpart_id, label=label,
                      debit_account=e.debit_account or k.debit_account,
                      credit_account=e.credit_account or k.credit_account)
    if e.amount < 0:
        raise InputError(f"Beloppet för {what} kan inte vara negativt.", field="belopp")
    for side, name in (("debit_account", "debetkonto"), ("credit_account", "kreditkonto")):
        if fields[side] not in known:
            raise RuleError(f"Konto {fields[side]} ({name} för {what}) finns inte i kontoplanen; "
                            "lägg till kontot eller välj ett annat.", field="konto")
    fields.update(period_end=period_end, amount=e.amount, comment=e.comment.strip(), what=what, row=row)
    return fields


def book_accruals(book, period_end: str, entries, *, series: str = "A",
                  text: str | None = None) -> AccrualBooking:
    """Decide and book the accruals of a period end in one transaction.

    Lines with an amount make one verifikation dated `period_end`; lines with 0 are only
    remembered as decided. The återföring is booked on the next day at once when that
    day lies in an open year. Refused (nothing written): a period end outside every year
    or in a closed year, a negative amount, an unknown account, the same insats or kind
    twice, and a line already booked for this period end. A line decided as 0 (not
    booked) may be decided again."""
    period_end = parse_date(period_end, field="datum")
    year = _year_for(book, period_end)
    if year.is_closed:
        raise RuleError(f"Räkenskapsåret {year.label} är stängt; inga nya periodiseringar kan bokföras "
                        f"per {period_end}.", field="datum")
    entries = list(entries)
    if not entries:
        raise InputError("Ange minst en rad att bokföra.", field="rader")
    book.backup("accrual")
    known = {a.number for a in book.accounts(active_only=True)}
    lines = [_resolve(book, period_end, e, known) for e in entries]

    existing = {(r.kind, r.project_id or 0, r.label): r for r in book.accruals(period_end)}
    seen = set()
    replace = []
    for f in lines:
        key = (f["kind"], f["project_id"] or 0, f["label"])
        if key in seen:
            raise InputError(f"{f['what'][:1].upper()}{f['what'][1:]} förekommer två gånger.", field="rader")
        seen.add(key)
        old = existing.get(key)
        if old is None:
            continue
        if old.voucher_id is None and old.amount == 0:
            replace.append(old.id)
            continue
        ref = book.voucher(old.voucher_id).ref if old.voucher_id else ""
        raise RuleError(f"Periodiseringen för {f['what']} per {period_end} är redan bokförd "
                        f"({format_kr(old.amount)} kr, verifikation {ref}). Samma period kan inte bokföras "
                        "två gånger; gör en rättelse av verifikationen om beloppet ska ändras.", field="rader")

    rows = []
    for f in lines:
        if f["amount"] == 0:
            continue
        row_text = f"Interimsskuld {f['row']}" if f["kind"] == "insats" else f["label"]
        rows.append(VoucherRow(f["debit_account"], f["amount"], f["project_id"], f["counterpart_id"], row_text))
        rows.append(VoucherRow(f["credit_account"], -f["amount"], f["project_id"], f["counterpart_id"], row_text))

    voucher = reversal = None
    with book.transaction():
        for rid in replace:
            book.forget_zero_accrual(rid)
        if rows:
            voucher = book.book_voucher(period_end, text or f"Periodisering per {period_end}: interimsskulder "
                                        "och upplupna kostnader", rows, series=series)
        ids = [book.insert_accrual(period_end=period_end, kind=f["kind"], project_id=f["project_id"],
                                    counterpart_id=f["counterpart_id"], label=f["label"],
                                    debit_account=f["debit_account"], credit_account=f["credit_account"],
                                    amount=f["amount"], comment=f["comment"],
                                    voucher_id=voucher.id if voucher and f["amount"] else None)
               for f in lines]
        if voucher is not None:
            reversal = _reverse_if_open(book, voucher, period_end)
        book.audit("accrual.book", period_end=period_end, voucher_id=voucher.id if voucher else None,
                   lines=len(lines))
    recs = {r.id: r for r in book.accruals(period_end)}
    return AccrualBooking(voucher=voucher, reversal=reversal, records=tuple(recs[i] for i in ids))


def _reverse_if_open(book, voucher: Voucher, period_end: str) -> Voucher | None:
    """Book the återföring of an accrual verifikation on the day after its period end
    when that day lies in an open year (inside the caller's transaction)."""
    when = day_after(period_end)
    year = book.year_of_date(when)
    if year is None or year.is_closed:
        return None
    existing = book.reversal_of(voucher.id)
    if existing is not None:  # reversed by hand already: just remember it
        book.set_accrual_reversal(voucher.id, existing)
        return book.voucher(existing)
    rev = book.reverse_voucher(voucher.id, date=when,
                               text=f"Återföring av periodisering per {period_end} ({voucher.ref})")
    book.set_accrual_reversal(voucher.id, rev.id)
    return rev


def book_pending_reversals(book) -> list[Voucher]:
    """Book every accrual återföring still waiting for its year to be open (for example
    the 1 January reversal of a year-end accrual once the new year is added). Returns the
    booked reversals; nothing happens for those whose next day still lies in no open year."""
    done = []
    pending = {}
    for r in book.accruals_pending_reversal():
        pending.setdefault(r.voucher_id, r.period_end)
    if not pending:
        return done
    with book.transaction():
        for vid, period_end in pending.items():
            rev = _reverse_if_open(book, book.voucher(vid), period_end)
            if rev is not None:
                done.append(rev)
    return done
