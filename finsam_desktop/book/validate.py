"""Validation of what a person types: organisationsnummer, dates, account numbers."""

from __future__ import annotations

import re
import unicodedata
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
    if not re.fullmatch(r"[1-9][0-9]{3,5}", raw):
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


MAX_TEXT = 500  # characters in a verifikation's text


def check_text(text: str, *, field: str, what: str, max_len: int = MAX_TEXT, required: bool = True) -> str:
    """A text a person typed, refused (not cleaned) when it holds a control character
    (a line break, NUL, an escape sequence) or is longer than `max_len` characters."""
    s = text or ""
    for i, ch in enumerate(s, 1):
        if unicodedata.category(ch) in ("Cc", "Cf") and ch not in "\u200d":
            raise InputError(f"{what} innehåller ett otillåtet tecken (styrtecken U+{ord(ch):04X}, tecken {i}). "
                             "Skriv texten på en rad utan specialtecken.", field=field)
    if len(s) > max_len:
        raise InputError(f"{what} är {len(s)} tecken lång; högst {max_len} tecken får plats.", field=field)
    if required and not s.strip():
        raise InputError(f"{what} är tom.", field=field)
    return s
