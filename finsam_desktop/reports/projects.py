"""Projektuppföljning: per insats and per projektägare, beviljat, utfall (including the
booked interimsskulder), kvar, and warnings when an insats goes over its grant.

Pure functions over the Book API; the desktop view, the PDF section and the command line
render the same `ProjectFollowUp` data:

    from finsam_desktop.reports.projects import project_follow_up
    fu = project_follow_up(book, year_id, date="2021-06-30")   # date defaults to year end
    for owner in fu.owners:                  # OwnerFollowUp, sorted by name
        for line in owner.lines:             # ProjectFollowUpLine, sorted by insats code
            line.code, line.name, line.granted, line.outcome, line.accrued, line.remaining
    fu.total                                 # FollowUpTotal over every insats
    fu.warnings                              # Swedish sentences, one per insats over its grant
    fu.to_dict()                             # JSON-ready (amounts in öre)

Amounts are int öre, printed positive as a report does: beviljat, utfall and
interimsskuld are costs shown as positive figures; kvar = beviljat − utfall, negative
when the insats has used more than its grant.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from fractions import Fraction

from ..book.validate import parse_date
from ..book.yearend import period_fraction
from ..errors import RuleError
from ..money import format_kr, pro_rata

NO_OWNER = "Utan projektägare"


@dataclass(frozen=True)
class ProjectFollowUpLine:
    """One insats.

    granted:        beviljade medel for the whole räkenskapsår.
    granted_period: beviljat pro rata up to `date` (equals granted at the year end).
    outcome:        utfall = every row with the insats as object on an account of the
                    row Verksamhetens kostnader, from the year's start up to `date` (the
                    rule of the note on verksamhetens kostnader, so both show one figure
                    when an insats is booked on 4530 and 5010); includes the cost side of
                    booked interimsskulder (and the reversal of last year's).
    accrued:        varav interimsskuld: the insats' balance on the interimsskuld account
                    at `date` (what is owed to the projektägare but not yet invoiced).
    remaining:      kvar = granted − outcome (negative when over the grant).
    used_pct:       outcome / granted in percent (one decimal), None without a grant.
    over_grant:     outcome exceeds the grant (or there is an outcome but no grant).
    warning:        a Swedish sentence when over_grant, else None.
    """
    project_id: int
    code: str
    name: str
    kind: str
    owner_id: int | None
    owner: str
    active: bool
    granted: int
    granted_period: int
    outcome: int
    accrued: int
    remaining: int
    used_pct: float | None
    over_grant: bool
    warning: str | None


@dataclass(frozen=True)
class FollowUpTotal:
    """Sums over a group of insatser (a projektägare, or all)."""
    granted: int
    granted_period: int
    outcome: int
    accrued: int
    remaining: int
    used_pct: float | None


@dataclass(frozen=True)
class OwnerFollowUp:
    """One projektägare with its insatser and their sums."""
    owner_id: int | None
    owner: str
    lines: tuple[ProjectFollowUpLine, ...]
    total: FollowUpTotal


@dataclass(frozen=True)
class ProjectFollowUp:
    """The projektuppföljning of a räkenskapsår up to `date`."""
    year_id: int
    year_label: str
    date: str
    is_year_end: bool
    lines: tuple[ProjectFollowUpLine, ...]     # every insats, by code
    owners: tuple[OwnerFollowUp, ...]          # by projektägare name, "Utan projektägare" last
    total: FollowUpTotal
    warnings: tuple[str, ...]

    def to_dict(self) -> dict:
        """JSON-ready dict; amounts in öre."""
        return asdict(self)


def _pct(part: int, whole: int) -> float | None:
    if whole <= 0:
        return None
    return round(part * 100 / whole, 1)


def _total(lines) -> FollowUpTotal:
    granted = sum(l.granted for l in lines)
    outcome = sum(l.outcome for l in lines)
    return FollowUpTotal(granted=granted, granted_period=sum(l.granted_period for l in lines),
                         outcome=outcome, accrued=sum(l.accrued for l in lines),
                         remaining=granted - outcome, used_pct=_pct(outcome, granted))


def _owed_per_insats(book, date: str) -> dict[int, int]:
    """{project_id: interimsskuld at the end of `date`} (ledger sign) over the accounts the
    note on interimsskulder specifies: the book's accrual account and every kortfristig
    skuld account that carries balances per insats (a chart may keep some insatser's
    upplupna kostnader on 2999 beside 2990)."""
    main = book.account_role("accrual")
    short_term = {a.number for a in book.accounts() if a.row_id == "kortfristiga_skulder"}
    out: dict[int, int] = {}
    for (acc, pid), amount in book.balance_at(date, by_project=True).items():
        if pid is not None and (acc == main or acc in short_term):
            out[pid] = out.get(pid, 0) + amount
    return out


def project_follow_up(book, year_id: int, date: str | None = None) -> ProjectFollowUp:
    """Build the projektuppföljning for a räkenskapsår up to `date` (default: year end).

    An insats is included when it is active and its period touches the year, or when it
    has a grant or an outcome in the year."""
    year = book.year(year_id)
    if year is None:
        raise RuleError(f"Räkenskapsåret {year_id} finns inte.")
    date = parse_date(date, field="datum") if date else year.end
    if not year.start <= date <= year.end:
        raise RuleError(f"Datumet {date} ligger inte i räkenskapsåret {year.label}.", field="datum")
    frac: Fraction = period_fraction(year, date)
    grants = book.project_grants(year.id)
    booked = book.project_costs(year.start, date)
    owed = _owed_per_insats(book, date)
    owners = {c.id: c.name for c in book.counterparts()}

    lines = []
    for p in book.projects():
        granted = grants.get(p.id, 0)
        outcome = booked.get(p.id, 0)
        accrued = -owed.get(p.id, 0)
        touches = (p.active and (p.start is None or p.start <= date)
                   and (p.end is None or p.end >= year.start))
        if not (touches or granted or outcome or accrued):
            continue
        over = outcome > granted
        warning = None
        if over and granted:
            warning = (f"Insats {p.code} {p.name} har ett utfall på {format_kr(outcome)} kr, "
                       f"{format_kr(outcome - granted)} kr över beviljade {format_kr(granted)} kr.")
        elif over:
            warning = (f"Insats {p.code} {p.name} har ett utfall på {format_kr(outcome)} kr "
                       "men inga beviljade medel för året.")
        lines.append(ProjectFollowUpLine(
            project_id=p.id, code=p.code, name=p.name, kind=p.kind, owner_id=p.owner_id,
            owner=owners.get(p.owner_id, NO_OWNER), active=p.active, granted=granted,
            granted_period=pro_rata(granted, frac),
            outcome=outcome, accrued=accrued, remaining=granted - outcome,
            used_pct=_pct(outcome, granted), over_grant=over, warning=warning))

    groups: dict[int | None, list[ProjectFollowUpLine]] = {}
    for line in lines:
        groups.setdefault(line.owner_id if line.owner_id in owners else None, []).append(line)
    owner_rows = [OwnerFollowUp(owner_id=oid, owner=owners.get(oid, NO_OWNER), lines=tuple(ls),
                                total=_total(ls)) for oid, ls in groups.items()]
    owner_rows.sort(key=lambda o: (o.owner_id is None, o.owner.casefold()))
    return ProjectFollowUp(year_id=year.id, year_label=year.label, date=date,
                           is_year_end=date == year.end, lines=tuple(lines),
                           owners=tuple(owner_rows), total=_total(lines),
                           warnings=tuple(l.warning for l in lines if l.warning))
