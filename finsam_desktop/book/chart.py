"""Report rows and the default mapping of an account number to its row.

Every account carries its own row (Kramfors keeps its bank on 1040 and its momsfordran
on 1480); the ranges here are only the default for an account that has none yet.
"""

from __future__ import annotations

import csv

from ..paths import resource

# (first, last, row_id) — Kommun-BAS grouping, from the domain reference.
KOMMUN_BAS: list[tuple[int, int, str | None]] = [
    (1000, 1099, "immateriella_anlaggningstillgangar"),
    (1100, 1299, "materiella_anlaggningstillgangar"),
    (1300, 1399, "finansiella_anlaggningstillgangar"),
    (1400, 1499, "forrad"),
    (1500, 1799, "fordringar"),
    (1800, 1899, "kortfristiga_placeringar"),
    (1900, 1999, "kassa_och_bank"),
    (2000, 2099, "ovrigt_eget_kapital"),
    (2100, 2299, "avsattningar"),
    (2300, 2399, "langfristiga_skulder"),
    (2400, 2999, "kortfristiga_skulder"),
    (3000, 3999, "verksamhetens_intakter"),
    (4000, 6799, "verksamhetens_kostnader"),
    (6800, 6899, "avskrivningar"),
    (6900, 7999, "verksamhetens_kostnader"),
    (8000, 8199, "skatteintakter"),
    (8200, 8399, "generella_statsbidrag_och_utjamning"),
    (8400, 8499, "finansiella_intakter"),
    (8500, 8699, "finansiella_kostnader"),
    (8700, 8899, "extraordinara_poster"),
    (8900, 8999, None),  # closing of the year's result: not a report row
]

# Company BAS (BAS95, BAS96, EUBAS97, BAS2008 …) for accounts a SIE file brings in.
COMPANY_BAS: list[tuple[int, int, str | None]] = [
    (1000, 1099, "immateriella_anlaggningstillgangar"),
    (1100, 1299, "materiella_anlaggningstillgangar"),
    (1300, 1399, "finansiella_anlaggningstillgangar"),
    (1400, 1499, "forrad"),
    (1500, 1799, "fordringar"),
    (1800, 1899, "kortfristiga_placeringar"),
    (1900, 1999, "kassa_och_bank"),
    (2000, 2199, "ovrigt_eget_kapital"),  # eget kapital and obeskattade reserver
    (2200, 2299, "avsattningar"),
    (2300, 2399, "langfristiga_skulder"),
    (2400, 2999, "kortfristiga_skulder"),
    (3000, 3999, "verksamhetens_intakter"),
    (4000, 7799, "verksamhetens_kostnader"),
    (7800, 7899, "avskrivningar"),
    (7900, 7999, "verksamhetens_kostnader"),
    (8000, 8399, "finansiella_intakter"),
    (8400, 8799, "finansiella_kostnader"),
    (8800, 8989, "extraordinara_poster"),  # bokslutsdispositioner and skatt
    (8990, 8999, None),                    # årets resultat
]

COMPANY_KPTYP = ("BAS95", "BAS96", "EUBAS97", "BAS2008", "BAS2016", "BAS2017", "BAS2018",
                 "BAS2019", "BAS2020", "BAS2021", "BAS2022", "BAS2023", "BAS2024", "BAS")

INCOME_ROWS = ("verksamhetens_intakter", "verksamhetens_kostnader", "avskrivningar",
               "skatteintakter", "generella_statsbidrag_och_utjamning", "finansiella_intakter",
               "finansiella_kostnader", "extraordinara_poster")
BALANCE_ROWS = ("immateriella_anlaggningstillgangar", "materiella_anlaggningstillgangar",
                "finansiella_anlaggningstillgangar", "forrad", "fordringar",
                "kortfristiga_placeringar", "kassa_och_bank", "ovrigt_eget_kapital",
                "avsattningar", "langfristiga_skulder", "kortfristiga_skulder")
ACCOUNT_ROWS = INCOME_ROWS + BALANCE_ROWS

ROW_LABELS = {
    "verksamhetens_intakter": "Verksamhetens intäkter",
    "verksamhetens_kostnader": "Verksamhetens kostnader",
    "avskrivningar": "Avskrivningar",
    "skatteintakter": "Skatteintäkter",
    "generella_statsbidrag_och_utjamning": "Generella statsbidrag och utjämning",
    "finansiella_intakter": "Finansiella intäkter",
    "finansiella_kostnader": "Finansiella kostnader",
    "extraordinara_poster": "Extraordinära poster",
    "immateriella_anlaggningstillgangar": "Immateriella anläggningstillgångar",
    "materiella_anlaggningstillgangar": "Materiella anläggningstillgångar",
    "finansiella_anlaggningstillgangar": "Finansiella anläggningstillgångar",
    "forrad": "Förråd m.m.",
    "fordringar": "Fordringar",
    "kortfristiga_placeringar": "Kortfristiga placeringar",
    "kassa_och_bank": "Kassa och bank",
    "ovrigt_eget_kapital": "Övrigt eget kapital",
    "avsattningar": "Avsättningar",
    "langfristiga_skulder": "Långfristiga skulder",
    "kortfristiga_skulder": "Kortfristiga skulder",
}


def is_company_kptyp(kptyp: str | None) -> bool:
    return bool(kptyp) and kptyp.strip().upper() in COMPANY_KPTYP


# Kommuner keep Kommun-Bas accounts of five or six digits (145010): an account has four
# to six digits and lands on its report row by its first four.
MIN_ACCOUNT, MAX_ACCOUNT = 1000, 999_999


def is_account_number(number) -> bool:
    """An account number of four to six digits, not starting with 0."""
    return isinstance(number, int) and not isinstance(number, bool) and MIN_ACCOUNT <= number <= MAX_ACCOUNT


def base_account(number: int) -> int:
    """The four-digit account a longer account belongs to: 145010 -> 1450."""
    return int(str(number)[:4])


def default_row(number: int, kptyp: str | None = None) -> str | None:
    """The report row an account number lands on by default (Kommun-BAS unless the
    #KPTYP of a SIE file names a company BAS chart); a longer account by its first four
    digits."""
    number = base_account(number)
    ranges = COMPANY_BAS if is_company_kptyp(kptyp) else KOMMUN_BAS
    for first, last, row in ranges:
        if first <= number <= last:
            return row
    return None


def default_kind(number: int) -> str:
    """T/S/I/K by the account class: 1 tillgång, 2 skuld, 3 intäkt, 4–7 kostnad, 8 by row."""
    number = base_account(number)
    if number < 2000:
        return "T"
    if number < 3000:
        return "S"
    if number < 4000:
        return "I"
    if number < 8000:
        return "K"
    row = default_row(number)
    if row in ("skatteintakter", "generella_statsbidrag_och_utjamning", "finansiella_intakter"):
        return "I"
    return "K"


def load_default_chart() -> list[tuple[int, str, str, str | None]]:
    """The default chart of accounts shipped in resources/kontoplan.csv."""
    out = []
    with open(resource("kontoplan.csv"), encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh, delimiter=";"):
            out.append((int(rec["konto"]), rec["namn"], rec["typ"], rec["rad"] or None))
    return out
