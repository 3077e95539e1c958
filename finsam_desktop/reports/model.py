"""The report as plain, immutable data: the contract every renderer reads.

`build_report(book, year_id, date_from=None, date_to=None)` (reports/__init__.py) returns
one `AnnualReport`. The PDF, the desktop preview, the terminal table and the JSON output
only render it, so they can never disagree.

Amounts
    `int` in the report's `unit`: 'ore' (öre, what build_report returns) or 'tkr'
    (whole tusental kronor, what `in_tkr(report)` returns; rounded so that printed rows
    add up to printed totals and a figure prints the same in every table). `None` means
    "nothing to print" (no previous year, no budget).

Signs (as printed in a Swedish annual report, NOT the ledger sign)
    Resultaträkning: intäkter positive, kostnader negative, sums are plain sums.
    Balansräkning: assets positive, eget kapital / avsättningar / skulder positive
    (a liability account with a debit balance shows negative).
    Kassaflödesanalys: each row by its effect on cash (an increase of fordringar is
    negative, an increase of skulder positive).

Row ids
    The ids of `Statement.rows` are the ids of domain/redovisning.md (also the JSON
    contract). `kind` is 'row' (an account row), 'sum' (a subtotal the engine computes)
    or 'heading' (a caption without amount). The balance sheet's `arets_resultat` row is
    the resultaträkning's `arets_resultat`.

Columns
    `amount` is the report period (e.g. 2021-01-01 – 2021-12-31 or a delår), `previous`
    the same period one year earlier (None when the book has no such year; see below
    for the balansräkning of the book's first year), `budget`
    the whole year's budget on resultaträkning rows (None without a budget), also in a
    delårsrapport ("Budget helår", as kommuner report a delår against the year's budget).
    Exception (RKR R17): in a delårsrapport the balansräkning's `previous` column and the
    notes on balance-sheet rows compare with the previous year's bokslutsdag
    (`previous_balance_date`), not with the same date a year earlier. A delårsrapport
    labels the result rows "Periodens resultat", "Periodens kassaflöde" and "Likvida
    medel vid periodens början/slut"; the row ids stay.
    The book's first year (no previous räkenskapsår in the book) with ingående balanser:
    the balansräkning's `previous` column and the notes on its rows are those ingående
    balanser, dated the day before the year (`previous_balance_date`,
    `previous_from_opening_balances`); its Årets resultat row is None (the previous
    year's result lies in övrigt eget kapital); every flow (resultaträkning,
    kassaflödesanalys, driftredovisning, notes on their rows, balanskrav) stays None.

Notes
    `Note.number` is assigned in order of the rows the notes explain (resultaträkning,
    then balansräkning), then text-only notes. `Note.row_ids` holds
    (statement_id, row_id) pairs; `StatementRow.notes` the numbers of the notes that
    explain the row. `Note.total` equals the row it explains (a check, see below).
    Note ids: verksamhetens_intakter, verksamhetens_kostnader, fordringar,
    kortfristiga_skulder, interimsskulder (per projektägare and insats; NoteLine carries
    project_id), eget_kapital, ansvarsforbindelser, redovisningsprinciper.
    `Note.text` embeds no amounts: in_tkr keeps it unchanged, and the figures it could
    name are in the tables.

Checks
    `kontroller` lists every invariant the engine verified, ok or not, as findings
    (findings.Finding: severity OK or ERROR, `check` the id, `message` Swedish): balansrakning_balanserar, arets_resultat_rr_br, kassaflode_likvida_medel,
    konton_har_rad, eget_kapital_konvention, not_<id> per note, tkr_avrundning, and
    budgetrader_en_rad (with a budget: each budget row's accounts lie on one
    resultaträkning row, so the budget column can be filled without guessing).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# FiscalYear and Signatory are part of the data a document prints: the renderers take
# them from here and never import book/.
from ..book.model import FiscalYear, Forbund, Signatory  # noqa: F401
from ..findings import ERROR, OK, Finding

ROW, SUM, HEADING = "row", "sum", "heading"

# What every renderer prints with a comparison column made of ingående balanser
# (AnnualReport.previous_from_opening_balances): below the balansräkning and the notes
# on its rows, and below the statements that have no comparison.
OPENING_BALANCES_CAPTION = ("Föregående års belopp är ingående balanser; föregående års resultat "
                            "ingår i övrigt eget kapital.")
NO_PREVIOUS_CAPTION = "Jämförelsetal saknas: föregående räkenskapsår finns inte i boken."


# The five-year overview's column of the year before the book (OverviewYear.from_opening_balances).
OPENING_OVERVIEW_MARK = " (IB)"
OPENING_OVERVIEW_CAPTION = ("(IB) Året ligger före bokens första räkenskapsår: eget kapital, soliditet och likvida "
                            "medel är dess utgående balanser (ingående balanser i boken); övriga nyckeltal saknas.")


def overview_label(o) -> str:
    """A five-year column's caption: '2023*' when entered from an old report, '2023 (IB)'
    when made from the ingående balanser."""
    return o.year_label + ("*" if o.entered else "") + (OPENING_OVERVIEW_MARK if o.from_opening_balances else "")


def opening_notes_caption(balance_date: str) -> str:
    """Above the notes: which notes compare with the ingående balanser."""
    return (f"Jämförelsetalen i noterna till balansräkningen är ingående balanser per {balance_date}; "
            "noterna till resultaträkningen saknar jämförelsetal.")


@dataclass(frozen=True)
class Period:
    fran: str  # ISO date, first day
    till: str  # ISO date, last day

    @property
    def label(self) -> str:
        return f"{self.fran} – {self.till}"


@dataclass(frozen=True)
class StatementRow:
    id: str
    label: str
    amount: int | None
    previous: int | None = None
    kind: str = ROW  # 'row' | 'sum' | 'heading'
    notes: tuple[int, ...] = ()  # numbers of the notes that explain the row ("5 & 6")
    budget: int | None = None
    # (percent,) once fixed from the exact öre figures (in_tkr): a percentage of two
    # rounded tkr figures would differ from the kr report's (−4/−4 = 100 % for 3 620/4 000).
    pinned_percent: tuple = ()

    @property
    def note(self) -> int | None:
        return self.notes[0] if self.notes else None

    @property
    def budget_percent(self) -> float | None:
        """Utfall/budget in percent (one decimal); None without a usable budget or when
        utfall and budget have opposite signs (a surplus against a budgeted deficit)."""
        if self.pinned_percent:
            return self.pinned_percent[0]
        return percent_of(self.amount, self.budget)


def percent_of(utfall: int | None, budget: int | None) -> float | None:
    """utfall / budget in percent with one decimal; None without a usable budget or when
    the two have opposite signs."""
    if budget in (None, 0) or utfall is None or (utfall < 0) != (budget < 0):
        return None
    return round(100.0 * utfall / budget, 1)


@dataclass(frozen=True)
class Statement:
    id: str  # 'resultatrakning' | 'balansrakning' | 'kassaflodesanalys'
    title: str
    rows: tuple[StatementRow, ...]

    def row(self, row_id: str) -> StatementRow:
        for r in self.rows:
            if r.id == row_id:
                return r
        raise KeyError(row_id)

    def amounts(self) -> dict[str, int]:
        """{row_id: amount} for every row that carries an amount."""
        return {r.id: r.amount for r in self.rows if r.kind != HEADING}

    def previous_amounts(self) -> dict[str, int | None]:
        return {r.id: r.previous for r in self.rows if r.kind != HEADING}


@dataclass(frozen=True)
class NoteLine:
    label: str
    amount: int | None
    previous: int | None = None
    kind: str = ROW  # 'row' | 'sum' | 'heading'
    indent: int = 0
    project_id: int | None = None  # interimsskulder: the insats the line specifies
    account: int | None = None     # the account a per-account line shows
    insats: str | None = None      # interimsskulder: the insats' name (the JSON key)


@dataclass(frozen=True)
class Note:
    number: int
    id: str
    title: str
    text: str = ""
    lines: tuple[NoteLine, ...] = ()
    total: int | None = None
    previous_total: int | None = None
    row_ids: tuple[tuple[str, str], ...] = ()  # ((statement_id, row_id), ...)


def is_balance_note(note: Note) -> bool:
    """A note that explains a balansräkning row: its comparison column is the
    balansräkning's (a delårsrapport's last bokslut, or the ingående balanser)."""
    return any(sid == "balansrakning" for sid, _ in note.row_ids)


def check_result(check_id: str, ok: bool, message: str) -> Finding:
    """An invariant the engine verified (a line of `kontroller`): severity OK when it
    holds, ERROR when it does not; `check` is its id, `message` a Swedish sentence."""
    return Finding(OK if ok else ERROR, message, check=check_id)


@dataclass(frozen=True)
class KeyRow:
    """A row of a key-figure table (balanskravsresultat)."""
    id: str
    label: str
    amount: int
    previous: int | None = None
    kind: str = ROW


@dataclass(frozen=True)
class EquityShare:
    """Eget kapital as a share of the year's tilldelade medel (driftbidrag)."""
    eget_kapital: int
    tilldelade_medel: int
    andel_procent: float | None        # two decimals; None when no tilldelade medel
    rekommendation_procent: float = 20.0
    inom_rekommendation: bool | None = None


@dataclass(frozen=True)
class OverviewYear:
    """One column of the five-year overview (a whole räkenskapsår)."""
    year_label: str
    verksamhetens_intakter: int | None
    verksamhetens_kostnader: int | None  # all costs incl. avskrivningar and finansiella kostnader, negative
    arets_resultat: int | None
    eget_kapital: int
    tilldelade_medel: int | None
    andel_procent: float | None     # eget kapital / tilldelade medel
    soliditet_procent: float | None  # eget kapital / summa tillgångar
    likvida_medel: int
    entered: bool = False            # a year before the book, entered from its årsredovisning
    # The year before the book's first year, known only by its utgående balanser (the
    # first year's ingående balanser): eget kapital, soliditet and likvida medel; the
    # flows and tilldelade medel are None.
    from_opening_balances: bool = False


@dataclass(frozen=True)
class KeyFigures:
    balanskrav: tuple[KeyRow, ...]
    eget_kapital: EquityShare
    femarsoversikt: tuple[OverviewYear, ...]  # newest first


@dataclass(frozen=True)
class DriftRow:
    label: str
    section: str            # budget section (intakter, insatser, kansli, styrelse, ovrigt, finansiellt),
    #                         'ej_budgeterat' (outcome no budget row covers) or 'summa'
    budget: int             # the whole räkenskapsår's budget, also in a delårsrapport
    utfall: int
    # utfall − budget in report sign: positive is better than budget. None in a
    # delårsrapport: part of a year's outcome against a whole year's budget is no
    # deviation; `andel_procent` (utfall in % of the year's budget) says how far it went.
    avvikelse: int | None
    previous_utfall: int | None = None
    kind: str = ROW
    andel_procent: float | None = None


@dataclass(frozen=True)
class Driftredovisning:
    rows: tuple[DriftRow, ...]


@dataclass(frozen=True)
class AnnualReport:
    forbund: Forbund
    year_id: int
    year_label: str
    period: Period
    previous_period: Period | None
    is_closed: bool
    resultatrakning: Statement
    balansrakning: Statement
    kassaflodesanalys: Statement
    noter: tuple[Note, ...]
    nyckeltal: KeyFigures
    kontroller: tuple[Finding, ...]
    driftredovisning: Driftredovisning | None = None
    has_budget: bool = False
    unit: str = "ore"  # 'ore' | 'tkr'
    # 'separat': the result is not booked into equity in the period (our own books);
    # 'i_eget_kapital': it is (some SIE files); see reports/engine.py.
    equity_convention: str = "separat"
    extra: dict = field(default_factory=dict, compare=False)
    # The date of the balance sheet's comparison column: the end of the previous period
    # for a whole year; for a delårsrapport the previous räkenskapsår's bokslutsdag
    # (RKR R17), while resultaträkning and kassaflödesanalys compare with the same period
    # last year. None without a previous year.
    previous_balance_date: str | None = None
    # True when the book does not hold the previous räkenskapsår and the balansräkning's
    # comparison column (and the notes on its rows) are this year's ingående balanser,
    # dated the day before the year starts (`previous_balance_date`). `previous_period`
    # is then None: the resultaträkning, kassaflödesanalys, driftredovisning and the
    # notes on their rows have no comparison, and the balansräkning's Årets resultat
    # row has none either (eget kapital is all övrigt eget kapital).
    previous_from_opening_balances: bool = False

    @property
    def full_year(self) -> bool:
        return bool(self.extra.get("full_year", True))

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.kontroller)

    @property
    def statements(self) -> tuple[Statement, Statement, Statement]:
        return (self.resultatrakning, self.balansrakning, self.kassaflodesanalys)

    @property
    def has_previous_balance(self) -> bool:
        """The balansräkning has a comparison column (a previous year in the book, or
        this year's ingående balanser)."""
        return self.previous_period is not None or self.previous_from_opening_balances

    def note(self, note_id: str) -> Note | None:
        return next((n for n in self.noter if n.id == note_id), None)

    def check(self, check_id: str) -> Finding | None:
        return next((c for c in self.kontroller if c.check == check_id), None)


def interimsskulder_per_projekt(report: AnnualReport) -> dict[str, int]:
    """{insats name: period-end interimsskuld} from the interimsskulder note."""
    n = report.note("interimsskulder")
    if n is None:
        return {}
    out: dict[str, int] = {}
    for ln in n.lines:
        if ln.project_id is not None and ln.kind == ROW:
            # The label is "projektägare – insats"; an insats name may itself hold " – ".
            name = ln.insats or ln.label.split(" – ", 1)[-1]
            key = name if name not in out else f"{name} ({ln.project_id})"
            out[key] = ln.amount
    return out
