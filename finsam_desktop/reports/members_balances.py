"""Mellanhavanden per medlem: what the members' ekonomer need for their sammanställda
räkenskaper. For each member, the year's driftbidrag, other income from it, the services
it sold to the förbund, the insatser it ran as projektägare (their costs and the
year-end interimsskuld), its fordringar and skulder at year end, and its share of the
förbund (andel and that share of eget kapital).

    from finsam_desktop.reports.members_balances import mellanhavanden
    mh = mellanhavanden(book, year_id, follow_up, equity)
    for m in mh.members: m.name, m.driftbidrag, m.insatser_kostnad, m.interimsskuld, ...
    mh.to_list()           # JSON: "mellanhavanden", one object per member (öre)

Where each figure comes from (so the members' figures add up to the statements' rows):
* driftbidrag: the member's own income account when no other member shares it, else
  the rows on the intäkter accounts whose motpart belongs to the member;
* övriga intäkter: other rows on the intäkter row with the member's motpart;
* köpta tjänster: rows on the row Verksamhetens kostnader with the member's motpart and
  no insats of its own;
* insatser: the projektuppföljning's utfall and interimsskuld of every insats whose
  projektägare belongs to the member;
* fordringar / skulder: balances at year end of rows with the member's motpart on the
  fordringar and kortfristiga skulder accounts (interimsskulder per insats apart).
"""

from __future__ import annotations

from dataclasses import dataclass

from .projects import ProjectFollowUp


@dataclass(frozen=True)
class MemberBalance:
    member_id: int
    name: str
    kind: str
    share_bp: int                   # andel in 1/100 percent
    driftbidrag: int                # income, positive
    ovriga_intakter: int
    kopta_tjanster: int             # costs, positive
    insatser: tuple[tuple[str, str, int, int], ...]   # (code, name, utfall, interimsskuld)
    fordringar: int                 # the förbund's claim on the member at year end
    skulder: int                    # the förbund's debt to the member (without interimsskulder)
    andel_eget_kapital: int

    @property
    def insatser_kostnad(self) -> int:
        return sum(i[2] for i in self.insatser)

    @property
    def interimsskuld(self) -> int:
        return sum(i[3] for i in self.insatser)

    def to_dict(self) -> dict:
        return {"medlem": self.name, "typ": self.kind, "andel_procent": self.share_bp / 100,
                "driftbidrag": self.driftbidrag, "ovriga_intakter": self.ovriga_intakter,
                "kopta_tjanster": self.kopta_tjanster,
                "insatser": [{"kod": c, "namn": n, "kostnad": u, "interimsskuld": s}
                             for c, n, u, s in self.insatser],
                "insatser_kostnad": self.insatser_kostnad, "interimsskuld": self.interimsskuld,
                "fordringar": self.fordringar, "skulder": self.skulder,
                "andel_eget_kapital": self.andel_eget_kapital}


@dataclass(frozen=True)
class Mellanhavanden:
    year_label: str
    date: str
    members: tuple[MemberBalance, ...]

    def to_list(self) -> list[dict]:
        return [m.to_dict() for m in self.members]

    @property
    def total_driftbidrag(self) -> int:
        return sum(m.driftbidrag for m in self.members)


def mellanhavanden(book, year_id: int, follow_up: ProjectFollowUp | None, equity: int,
                   date_to: str | None = None) -> Mellanhavanden:
    """The members' mellanhavanden of räkenskapsår `year_id` up to `date_to` (default year
    end). `equity` is eget kapital at that date in öre (the statements' figure)."""
    year = book.year(year_id)
    till = date_to or year.end
    accounts = book.accounts()
    row_of = {a.number: a.row_id for a in accounts}
    members = book.members()
    own = [m.account for m in members if m.account]
    own_accounts = {a for a in own if own.count(a) == 1 and row_of.get(a) == "verksamhetens_intakter"}
    moves = book.member_movements(year.start, till)
    balance_accounts = [a.number for a in accounts if a.row_id in ("fordringar", "kortfristiga_skulder")]
    balances = book.member_balances(till, balance_accounts)
    owner_member = {c.id: c.member_id for c in book.counterparts()}
    own_movement = {a: book.account_movement(year.start, till, a) for a in own_accounts}

    out = []
    for m in members:
        driftbidrag = -own_movement.get(m.account, 0) if m.account in own_accounts else 0
        other_income = bought = 0
        for (mid, acc, pid), v in moves.items():
            if mid != m.id:
                continue
            row = row_of.get(acc)
            if row == "verksamhetens_intakter" and acc not in own_accounts:
                if acc in set(own):     # a member account several members share
                    driftbidrag -= v
                else:
                    other_income -= v
            elif row == "verksamhetens_kostnader":
                owned = pid is not None and any(
                    l.project_id == pid and owner_member.get(l.owner_id) == m.id
                    for l in (follow_up.lines if follow_up else ()))
                if not owned:
                    bought += v
        insatser = tuple((l.code, l.name, l.outcome, l.accrued) for l in (follow_up.lines if follow_up else ())
                         if owner_member.get(l.owner_id) == m.id)
        fordringar = sum(v for (mid, acc), v in balances.items()
                         if mid == m.id and row_of.get(acc) == "fordringar")
        skulder = -sum(v for (mid, acc), v in balances.items()
                       if mid == m.id and row_of.get(acc) == "kortfristiga_skulder")
        out.append(MemberBalance(m.id, m.name, m.kind, m.share_bp, driftbidrag, other_income, bought, insatser,
                                 fordringar, skulder, round(equity * m.share_bp / 10000)))
    return Mellanhavanden(year.label, till, tuple(out))
