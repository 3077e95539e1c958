"""The figures a samordningsförbund registers in SUS for a year, from the ledger, so
that entering them in SUS is copying: funding per member organisation and other
funding, budget and outcome per insats split into insatskostnad (the insats' own
account, what the projektägare invoices) and other costs with the insats, and the
administrative costs by kind. The totals are checked against the resultaträkning.

    from finsam_desktop.reports.sus import sus_figures
    s = sus_figures(book, year_id)
    s.funding, s.insatser, s.administration, s.checks   # checks: (label, sus, resultaträkning, ok)
    s.to_dict()                                         # JSON (öre)

Amounts in öre, positive (income and costs alike), as SUS asks for them.
"""

from __future__ import annotations

from dataclasses import dataclass

from .engine import build_report
from .members_balances import mellanhavanden

# Administrative costs (costs without an insats) by kind: (label, first account, last account).
# The first range that holds an account wins; what none holds is "Övriga kostnader".
ADMIN_KINDS = (
    ("Arvoden och ersättningar till styrelsen", 5050, 5099),
    ("Personalkostnader kansli", 5000, 5999),
    ("Lokalkostnader", 6100, 6299),
    ("Köpta tjänster (ekonomi, IT, revision)", 6500, 6599),
)
OTHER_ADMIN = "Övriga kostnader"


@dataclass(frozen=True)
class SusFunding:
    label: str
    amount: int


@dataclass(frozen=True)
class SusInsats:
    code: str
    name: str
    kind: str
    budget: int              # beviljade medel for the year
    insatskostnad: int       # on the insats' own account (e.g. 4530)
    ovrigt: int              # other costs booked with the insats

    @property
    def outcome(self) -> int:
        return self.insatskostnad + self.ovrigt


@dataclass(frozen=True)
class SusCheck:
    label: str
    sus: int
    statement: int

    @property
    def ok(self) -> bool:
        return self.sus == self.statement


@dataclass(frozen=True)
class SusFigures:
    year_label: str
    funding: tuple[SusFunding, ...]          # per member, then other funding
    insatser: tuple[SusInsats, ...]
    administration: tuple[SusFunding, ...]   # by kind
    finansiella_kostnader: int
    avskrivningar: int
    checks: tuple[SusCheck, ...]

    @property
    def total_funding(self) -> int:
        return sum(f.amount for f in self.funding)

    @property
    def total_insatser(self) -> int:
        return sum(i.outcome for i in self.insatser)

    @property
    def total_administration(self) -> int:
        return sum(a.amount for a in self.administration)

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    def to_dict(self) -> dict:
        return {
            "ar": self.year_label,
            "finansiering": [{"finansiar": f.label, "belopp": f.amount} for f in self.funding],
            "summa_finansiering": self.total_funding,
            "insatser": [{"kod": i.code, "namn": i.name, "typ": i.kind, "budget": i.budget,
                          "insatskostnad": i.insatskostnad, "ovrigt": i.ovrigt, "utfall": i.outcome}
                         for i in self.insatser],
            "summa_insatser": self.total_insatser,
            "administration": [{"slag": a.label, "belopp": a.amount} for a in self.administration],
            "summa_administration": self.total_administration,
            "finansiella_kostnader": self.finansiella_kostnader,
            "avskrivningar": self.avskrivningar,
            "kontroller": [{"kontroll": c.label, "sus": c.sus, "resultatrakning": c.statement, "ok": c.ok}
                           for c in self.checks],
        }


def _admin_kind(account: int) -> str:
    for label, lo, hi in ADMIN_KINDS:
        if lo <= account <= hi:
            return label
    return OTHER_ADMIN


def sus_figures(book, year_id: int) -> SusFigures:
    year = book.year(year_id)
    report = build_report(book, year_id)
    rr = report.resultatrakning.amounts()
    rows = book.period_balances(year.id, year.start, year.end)
    row_of = {a.number: a.row_id for a in book.accounts()}

    members = mellanhavanden(book, year_id, None, 0).members
    funding = [SusFunding(f"Driftbidrag {m.name}", m.driftbidrag) for m in members]
    income = -sum(pm for acc, _p, _o, _b, pm in rows if row_of.get(acc) == "verksamhetens_intakter")
    fin_income = -sum(pm for acc, _p, _o, _b, pm in rows if row_of.get(acc) == "finansiella_intakter")
    other = income - sum(m.driftbidrag for m in members)
    if other:
        funding.append(SusFunding("Övrig finansiering", other))
    if fin_income:
        funding.append(SusFunding("Ränteintäkter och andra finansiella intäkter", fin_income))

    grants = book.project_grants(year.id)
    costs = [(acc, pid, pm) for acc, pid, _o, _b, pm in rows if row_of.get(acc) == "verksamhetens_kostnader"]
    insatser = []
    for p in book.projects():
        own = sum(v for acc, pid, v in costs if pid == p.id and acc == p.account)
        rest = sum(v for acc, pid, v in costs if pid == p.id and acc != p.account)
        if own or rest or grants.get(p.id):
            insatser.append(SusInsats(p.code, p.name, p.kind, grants.get(p.id, 0), own, rest))
    admin: dict[str, int] = {}
    for acc, pid, v in costs:
        if pid is None:
            admin[_admin_kind(acc)] = admin.get(_admin_kind(acc), 0) + v
    order = [k[0] for k in ADMIN_KINDS] + [OTHER_ADMIN]
    administration = tuple(SusFunding(k, admin[k]) for k in order if admin.get(k))
    fin_costs = sum(pm for acc, _p, _o, _b, pm in rows if row_of.get(acc) == "finansiella_kostnader")
    depreciation = sum(pm for acc, _p, _o, _b, pm in rows if row_of.get(acc) == "avskrivningar")

    total_costs = sum(i.outcome for i in insatser) + sum(a.amount for a in administration)
    total_funding = sum(f.amount for f in funding)
    checks = (
        SusCheck("Finansiering = verksamhetens intäkter + finansiella intäkter", total_funding,
                 rr["verksamhetens_intakter"] + rr["finansiella_intakter"]),
        SusCheck("Insatser + administration = verksamhetens kostnader", total_costs, -rr["verksamhetens_kostnader"]),
        SusCheck("Finansiering − kostnader = årets resultat", total_funding - total_costs - depreciation - fin_costs,
                 rr["arets_resultat"]),
    )
    return SusFigures(year.label, tuple(funding), tuple(insatser), administration, fin_costs, depreciation, checks)
