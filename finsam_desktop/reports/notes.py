"""Noter generated from the ledger. Each note's total equals the row it explains; the
lines carry this period and the same period last year (report sign, öre)."""

from __future__ import annotations

import re

from .ledger import Figures, PeriodLedger
from .model import HEADING, ROW, SUM, Note, NoteLine

DEFAULT_PRINCIPLES = (
    "Årsredovisningen är upprättad i enlighet med lag (2018:597) om kommunal bokföring och "
    "redovisning i tillämpliga delar och rekommendationer från Rådet för kommunal redovisning, "
    "med de anpassningar som förbundets verksamhet kräver. Tillgångar och skulder har värderats "
    "till anskaffningsvärde om inget annat anges. Intäkter och kostnader har periodiserats enligt "
    "god redovisningssed: driftbidrag redovisas i den period de avser, och insatsernas kostnader "
    "som använts men inte fakturerats vid periodens slut har bokförts som interimsskulder till "
    "projektägarna. Kassaflödesanalysen är upprättad enligt indirekt metod. Belopp anges i "
    "svenska kronor om inget annat anges. "
    "Pensioner: förbundets anställda har avgiftsbestämd tjänstepension; premien redovisas som kostnad det år "
    "den avser och förbundet har ingen pensionsskuld. "
    "Fordringar tas upp till det belopp som efter individuell bedömning beräknas bli betalt. "
    "Semesterlöneskuld: intjänad men inte uttagen semester med sociala avgifter redovisas som kortfristig "
    "skuld på bokslutsdagen. "
    "Interimsskulder: insatsernas kostnader för perioden som projektägarna inte har fakturerat, och årets "
    "revision, redovisas som upplupna kostnader per insats och motpart.")
# A delårsrapport (LKBR 13 kap., RKR R17) follows the principles of the latest
# årsredovisning and says so.
DEFAULT_INTERIM_PRINCIPLES = (
    "Delårsrapporten är upprättad i enlighet med lag (2018:597) om kommunal bokföring och redovisning "
    "i tillämpliga delar och Rådet för kommunal redovisnings rekommendation R17 Delårsrapport. Samma "
    "redovisningsprinciper och beräkningsmetoder har använts som i den senaste årsredovisningen. "
    "Insatsernas kostnader som använts men inte fakturerats vid periodens slut har bokförts som "
    "interimsskulder till projektägarna. Resultaträkning och kassaflödesanalys jämförs med samma period "
    "föregående år, balansräkningen med föregående års bokslut. Belopp anges i svenska kronor om inget "
    "annat anges.")
DEFAULT_CONTINGENT = "Förbundet har inga ansvarsförbindelser."
RESULT_LINE, PERIOD_RESULT_LINE = "Årets resultat", "Periodens resultat"

GROUPS = (("styrelse", "Styrelse"), ("kansli", "Kansli och personal"), ("ovrigt", "Övriga kostnader"))
# Arvoden to förtroendevalda are the styrelse's cost whatever budget row holds them (a
# budget's "Personalkostnader 5000–5999" often does); "konsultarvode" is not.
_BOARD = re.compile(r"styrelse|förtroendevald|ledamot|sammanträde", re.I)
_STAFF = re.compile(r"lön|personal|sociala avgift|arbetsgivaravgift|pension|semester|kansli", re.I)


def _v(d: dict | None, key, default: int = 0):
    return None if d is None else d.get(key, default)


class NoteBuilder:
    """Builds the notes of one report; numbers are assigned by the caller."""

    def __init__(self, book, year, cur: PeriodLedger, prev: PeriodLedger | None,
                 fig: Figures, pfig: Figures | None, bprev: PeriodLedger | None = None,
                 bpfig: Figures | None = None, full_year: bool = True):
        """`prev`/`pfig`: the same period last year (notes on resultaträkning rows);
        `bprev`/`bpfig`: the balance sheet's comparison (notes on balance rows), which
        in a delårsrapport is the previous year's bokslutsdag (RKR R17)."""
        self.book, self.year, self.cur, self.prev, self.fig, self.pfig = book, year, cur, prev, fig, pfig
        self.bprev = bprev if bprev is not None else prev
        self.bpfig = bpfig if bpfig is not None else pfig
        self.full_year = full_year
        self.accounts = cur.accounts
        self.projects = {p.id: p for p in book.projects()}
        self.owners = {c.id: c for c in book.counterparts()}

    # ------------------------------------------------------------------ helpers
    def _name(self, number: int) -> str:
        a = self.accounts.get(number)
        return f"{number} {a.name}" if a else str(number)

    def _per_account(self, row_id: str, which: str, sign: int) -> list[NoteLine]:
        """One line per account on `row_id`: period movement ('period') or closing balance ('end')."""
        lines = []
        other = self.bprev if which == "end" else self.prev
        for n in sorted(self.cur.accounts_on(row_id)):
            now = sign * getattr(self.cur, which).get(n, 0)
            before = sign * getattr(other, which).get(n, 0) if other else None
            if now or before:
                lines.append(NoteLine(self._name(n), now, before, ROW, 1, account=n))
        return lines

    def _project_order(self, pid: int) -> tuple:
        p = self.projects.get(pid)
        return (0, p.code) if p else (1, str(pid))

    def _project_label(self, pid: int | None) -> str:
        p = self.projects.get(pid)
        if p is None:
            return f"Insats {pid}"
        owner = self.owners.get(p.owner_id)
        return f"{owner.name} – {p.name}" if owner else p.name

    # ------------------------------------------------------------------ notes
    def intakter(self) -> Note:
        """Driftbidrag per member (its own account, or a motpart linked to it), then the
        other income per account."""
        row = "verksamhetens_intakter"
        accs = self.cur.accounts_on(row)
        members = self.book.members()
        # An account that is one member's own carries that member's driftbidrag; an
        # account several members point at is shared and split by the rows' motpart.
        owners = [m.account for m in members if m.account in accs]
        member_accounts = {a for a in owners if owners.count(a) == 1}
        shared = [a for a in accs if a not in member_accounts]
        by_cp = self.book.counterpart_member_movements(self.cur.date_from, self.cur.date_to, shared)
        p_by_cp = (self.book.counterpart_member_movements(self.prev.date_from, self.prev.date_to, shared)
                   if self.prev else None)

        def member_amount(m, led, cp):
            own = -led.period.get(m.account, 0) if m.account in member_accounts else 0
            return own - sum(v for (a, mid), v in cp.items() if mid == m.id)

        lines: list[NoteLine] = []
        rows = []
        for m in members:
            rows.append((m, member_amount(m, self.cur, by_cp),
                         member_amount(m, self.prev, p_by_cp) if self.prev else None))
        state = [r for r in rows if r[0].kind == "stat"]
        if len(state) > 1:  # staten is one financier: Försäkringskassan and Arbetsförmedlingen together
            label = "Staten (" + " och ".join(r[0].name for r in state) + ")"
            now = sum(r[1] for r in state)
            before = None if self.prev is None else sum(r[2] for r in state)
            rows = [r for r in rows if r[0].kind != "stat"]
            if now or before:
                lines.append(NoteLine(f"Driftbidrag {label}", now, before, ROW, 1))
        for m, now, before in rows:
            if now or before:
                lines.append(NoteLine(f"Driftbidrag {m.name}", now, before, ROW, 1))
        for n in sorted(shared):
            now = -self.cur.period.get(n, 0) + sum(v for (a, _m), v in by_cp.items() if a == n)
            before = (-self.prev.period.get(n, 0) + sum(v for (a, _m), v in p_by_cp.items() if a == n)
                      if self.prev else None)
            if now or before:
                lines.append(NoteLine(self._name(n), now, before, ROW, 1, account=n))
        return Note(0, "verksamhetens_intakter", "Verksamhetens intäkter", "", tuple(lines),
                    self.fig.rr[row], self.pfig.rr[row] if self.pfig else None,
                    (("resultatrakning", row),))

    def _cost_group(self, number: int, budget_sections: dict[int, str]) -> str:
        """styrelse, kansli or ovrigt: an account named for the board is the board's; else
        the section of the budget row that holds it; else by its number and name."""
        a = self.accounts.get(number)
        name = a.name if a else ""
        if _BOARD.search(name):
            return "styrelse"
        if number in budget_sections:
            return budget_sections[number]
        if 5000 <= number <= 5999 or _STAFF.search(name):
            return "kansli"
        return "ovrigt"

    def kostnader(self) -> Note:
        """Costs per insats (rows with an insats), then styrelse, kansli/personal, övrigt."""
        row = "verksamhetens_kostnader"
        accs = set(self.cur.accounts_on(row))
        lines: list[NoteLine] = []
        pids = sorted({pid for (a, pid) in self.cur.proj_period if a in accs and pid} |
                      ({pid for (a, pid) in self.prev.proj_period if a in accs and pid} if self.prev else set()),
                      key=self._project_order)
        if pids:
            lines.append(NoteLine("Insatser", None, None, HEADING))
            for pid in pids:
                now = -sum(v for (a, p), v in self.cur.proj_period.items() if p == pid and a in accs)
                before = (-sum(v for (a, p), v in self.prev.proj_period.items() if p == pid and a in accs)
                          if self.prev else None)
                if now or before:
                    lines.append(NoteLine(self.projects[pid].name if pid in self.projects else f"Insats {pid}",
                                          now, before, ROW, 1, project_id=pid))
            lines.append(NoteLine("Summa insatser", None, None, SUM))
        sections: dict[int, str] = {}
        for b in self.book.budget(self.year.id):
            if b.project_id is None and b.section in ("styrelse", "kansli", "ovrigt"):
                for n in accs:
                    if b.covers(n):
                        sections.setdefault(n, b.section)
        groups: dict[str, list[NoteLine]] = {g: [] for g, _ in GROUPS}
        for n in sorted(accs):
            now = -self.cur.proj_period.get((n, None), 0)
            before = -self.prev.proj_period.get((n, None), 0) if self.prev else None
            if now or before:
                groups[self._cost_group(n, sections)].append(NoteLine(self._name(n), now, before, ROW, 1,
                                                                      account=n))
        for g, title in GROUPS:
            if groups[g]:
                lines.append(NoteLine(title, None, None, HEADING))
                lines.extend(groups[g])
                lines.append(NoteLine(f"Summa {title[0].lower() + title[1:]}", None, None, SUM))
        return Note(0, "verksamhetens_kostnader", "Verksamhetens kostnader", "",
                    tuple(fill_sums(lines)), self.fig.rr[row], self.pfig.rr[row] if self.pfig else None,
                    (("resultatrakning", row),))

    def fordringar(self) -> Note | None:
        lines = self._per_account("fordringar", "end", 1)
        if not lines:
            return None
        return Note(0, "fordringar", "Fordringar", "", tuple(lines), self.fig.br["fordringar"],
                    self.bpfig.br["fordringar"] if self.bpfig else None, (("balansrakning", "fordringar"),))

    def kortfristiga_skulder(self) -> Note | None:
        lines = self._per_account("kortfristiga_skulder", "end", -1)
        if not lines:
            return None
        return Note(0, "kortfristiga_skulder", "Kortfristiga skulder", "", tuple(lines),
                    self.fig.br["kortfristiga_skulder"],
                    self.bpfig.br["kortfristiga_skulder"] if self.bpfig else None,
                    (("balansrakning", "kortfristiga_skulder"),))

    def accrual_accounts(self) -> list[int]:
        """Interimsskuld / upplupen kostnad accounts: the book's accrual account and every
        kortfristig skuld account that carries balances per insats."""
        accs = set(self.cur.accounts_on("kortfristiga_skulder"))
        out = {a for (a, pid) in self.cur.proj_end if pid and a in accs}
        if self.bprev:
            out |= {a for (a, pid) in self.bprev.proj_end if pid and a in accs}
        setting = self.book.account_role_setting("accrual")
        if setting is not None and setting in accs:
            out.add(setting)
        return sorted(out)

    def interimsskulder(self) -> Note | None:
        """The interimsskulder specified per projektägare and insats, then the rest."""
        accs = self.accrual_accounts()
        if not accs:
            return None

        def per_project(led):
            out: dict[int | None, int] = {}
            for (a, pid), v in led.proj_end.items():
                if a in accs:
                    out[pid] = out.get(pid, 0) - v
            return out

        cur = per_project(self.cur)
        prev = per_project(self.bprev) if self.bprev else None
        pids = sorted({p for p in cur if p} | ({p for p in prev if p} if prev else set()),
                      key=self._project_order)
        lines = []
        for pid in pids:
            now, before = cur.get(pid, 0), _v(prev, pid)
            if now or before:
                p = self.projects.get(pid)
                lines.append(NoteLine(self._project_label(pid), now, before, ROW, 1, project_id=pid,
                                      insats=p.name if p else None))
        rest, prest = cur.get(None, 0), _v(prev, None)
        if rest or prest:
            label = "Övriga interimsskulder" if pids else "Interimsskulder"
            lines.append(NoteLine(label, rest, prest, ROW, 1))
        total = sum(cur.values())
        ptotal = sum(prev.values()) if prev is not None else None
        if not lines:
            return None
        names = ", ".join(self._name(a) for a in accs)
        return Note(0, "interimsskulder", "Interimsskulder per projektägare och insats",
                    f"Specifikation av {names}.", tuple(lines), total, ptotal,
                    (("balansrakning", "kortfristiga_skulder"),))

    def eget_kapital(self, share_text: str) -> Note:
        # In a delårsrapport the comparison is the previous year's whole change (its
        # bokslutsdag), the figure the balansräkning's comparison column shows.
        # A previous year known only by its utgående balanser (the book's first year)
        # has only the closing figure: its start, result and other changes are None.
        f, p = self.fig, self.bpfig
        lines = [NoteLine("Ingående eget kapital", f.equity_start, p.equity_start if p else None, ROW),
                 NoteLine(RESULT_LINE if self.full_year else PERIOD_RESULT_LINE, f.rr["arets_resultat"],
                          p.rr["arets_resultat"] if p else None, ROW)]
        if f.equity_other or (p and p.equity_other):
            lines.append(NoteLine("Övriga förändringar av eget kapital", f.equity_other,
                                  p.equity_other if p else None, ROW))
        lines.append(NoteLine("Utgående eget kapital", f.br["summa_eget_kapital"],
                              p.br["summa_eget_kapital"] if p else None, SUM))
        return Note(0, "eget_kapital", "Eget kapital", share_text, tuple(lines), f.br["summa_eget_kapital"],
                    p.br["summa_eget_kapital"] if p else None, (("balansrakning", "summa_eget_kapital"),))

    def ansvarsforbindelser(self) -> Note:
        text = self.book.year_text(self.year.id, "ansvarsforbindelser", "").strip() or DEFAULT_CONTINGENT
        return Note(0, "ansvarsforbindelser", "Ansvarsförbindelser", text)

    def redovisningsprinciper(self) -> Note:
        text = self.book.year_text(self.year.id, "redovisningsprinciper", "").strip()
        if not text:
            text = DEFAULT_PRINCIPLES if self.full_year else DEFAULT_INTERIM_PRINCIPLES
        return Note(0, "redovisningsprinciper", "Redovisningsprinciper", text)


def fill_sums(lines: list[NoteLine]) -> list[NoteLine]:
    """Give each 'sum' line the sum of the 'row' lines since the previous heading or sum."""
    out, acc, pacc, seen_prev = [], 0, 0, False
    for ln in lines:
        if ln.kind == ROW:
            acc += ln.amount or 0
            if ln.previous is not None:
                pacc += ln.previous
                seen_prev = True
            out.append(ln)
        elif ln.kind == SUM:
            out.append(NoteLine(ln.label, acc, pacc if seen_prev else None, SUM, ln.indent))
            acc, pacc, seen_prev = 0, 0, False
        else:
            acc, pacc, seen_prev = 0, 0, False
            out.append(ln)
    return out
