"""Validation of what a person types: organisationsnummer, dates, account numbers."""

from __future__ import annotations

import re
from datetime import date

from ..errors import InputError


def normalize_orgnr(text: str, *, field: str = "organisationsnummer") -> str:
    """'2220001234' or '222000-1234' -> '222000-1234'; refuses a wrong length or check digit."""
    raw = (text or "").strip()
    digits = re.sub(r"[\s-]", "", raw)
    if not digits.isdigit() or len(digits) != 10:
        raise InputError(f"Ogiltigt {field} ”{raw}”: det ska ha tio siffror, t.ex. 222000-1234.",
                         field=field)
    # python-stdnum takes ~20 ms to import; only what checks an orgnr pays for it.
    from stdnum.exceptions import ValidationError
    from stdnum.se import orgnr as se_orgnr
    try:
        se_orgnr.validate(digits)
    except ValidationError:
        raise InputError(f"Ogiltigt {field} ”{raw}”: kontrollsiffran stämmer inte.", field=field) from None
    return f"{digits[:6]}-{digits[6:]}"


def parse_date(text: str, *, field: str = "datum") -> str:
    """'2021-03-31' or '20210331' -> '2021-03-31'; refuses impossible dates."""
    raw = (text or "").strip()
    s = raw
    if re.fullmatch(r"\d{8}", s):
        s = f"{s[:4]}-{s[4:6]}-{s[6:]}"
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        raise InputError(f"Ogiltigt {field} ”{raw}”: skriv ÅÅÅÅ-MM-DD.", field=field)
    try:
        date.fromisoformat(s)
    except ValueError:
        raise InputError(f"Ogiltigt {field} ”{raw}”: datumet finns inte.", field=field) from None
    return s


def parse_account_number(text: str | int, *, field: str = "konto") -> int:
    raw = str(text).strip()
    if not re.fullmatch(r"[1-9]\d{3,5}", raw):
        raise InputError(f"Ogiltigt kontonummer ”{raw}” i fältet {field}: ett konto har fyra till sex siffror.",
                         field=field)
    return int(raw)


def format_share(bp: int) -> str:
    """5000 -> '50 %', 1250 -> '12,5 %'."""
    whole, rest = divmod(bp, 100)
    return f"{whole} %" if not rest else f"{whole},{rest:02d}".rstrip("0") + " %"


def parse_share(text: str) -> int:
    """'25', '12,5 %', '12.5' -> andel in 1/100 percent."""
    s = text.replace("%", "").replace(" ", "").replace(",", ".").strip()
    if not re.fullmatch(r"\d{1,3}(\.\d{1,2})?", s):
        raise InputError(f"Ogiltig andel ”{text.strip()}”: skriv procent, t.ex. 25 eller 12,5.", field="andel")
    whole, _, frac = s.partition(".")
    bp = int(whole) * 100 + int((frac or "0").ljust(2, "0"))
    if bp > 10000:
        raise InputError("Andelen kan inte vara mer än 100 %.", field="andel")
    return bp
