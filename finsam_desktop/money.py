"""Money is integer öre from the edge inwards. Parsing and printing live here.

Swedish formatting: a space groups thousands, a comma separates öre, a minus sign
(U+2212 in print, ASCII '-' accepted) marks negatives: 1 234 567, -1 234,50.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Iterable, Sequence

from .errors import InputError

NBSP = "\u00a0"
THIN = "\u202f"
MINUS = "\u2212"

_AMOUNT_RE = re.compile(r"([+-])?([0-9]+)(?:([.,])([0-9]+))?")


def parse_kr(text: str, *, field: str = "belopp") -> int:
    """Parse an amount in kronor typed by a person into öre.

    Accepts '1234', '1 234,50', '1234.5', '-12,05', '−12,05', '1\u00a0234': ASCII digits,
    grouped by spaces or no-break spaces, at most one decimal separator (comma or dot)
    and at most two decimals. Refuses, with a Swedish message naming the field, anything
    else; an amount that reads two ways ('1.500', '1,500') is refused with both readings
    instead of being guessed.
    """
    raw = text
    s = (text or "").strip().replace(MINUS, "-").replace("\u2013", "-")
    for sp in (" ", NBSP, THIN):
        s = s.replace(sp, "")
    if s.endswith("kr"):
        s = s[:-2]
    lead = f"Ogiltigt belopp i fältet {field}: ”{raw}”"
    if any(ch.isdigit() and ch not in "0123456789" for ch in s):
        raise InputError(f"{lead}: skriv beloppet med siffrorna 0–9.", field=field)
    m = _AMOUNT_RE.fullmatch(s)
    if not m:
        if sum(s.count(c) for c in ".,") > 1 and re.fullmatch(r"[+-]?[0-9.,]+", s):
            raise InputError(f"{lead}: ett belopp har högst ett decimaltecken (komma eller punkt). "
                             "Skriv tusental med mellanslag, t.ex. 1 234,50.", field=field)
        raise InputError(f"{lead}. Skriv t.ex. 1 234,50.", field=field)
    sign, whole, sep, frac = m.groups()
    if frac is not None and len(frac) == 3:
        grouped = _group(int(whole + frac), " ")
        raise InputError(f"{lead} kan läsas på två sätt: {whole},{frac} kr eller {grouped} kr. "
                         f"Skriv {grouped} för tusental eller högst två decimaler.", field=field)
    if frac is not None and len(frac) > 2:
        raise InputError(f"{lead}: högst två decimaler (hela ören).", field=field)
    ore = int(whole) * 100 + int((frac or "0").ljust(2, "0"))
    return -ore if sign == "-" else ore


def parse_sie_amount(text: str) -> int:
    """Parse a SIE amount ('-1234.5', '100', '0.10') into öre; ValueError if it is not one."""
    s = text.strip()
    m = re.fullmatch(r"([+-])?(\d*)(?:\.(\d{0,2}))?", s)
    if not m or (not m.group(2) and not m.group(3)):
        raise ValueError(text)
    sign, whole, frac = m.groups()
    ore = int(whole or "0") * 100 + int((frac or "0").ljust(2, "0"))
    return -ore if sign == "-" else ore


# Below this many öre a float holds ore/100 within a fifth of an öre, so formatting it
# with two decimals gives the exact amount (and is several times faster).
_FLOAT_EXACT = 10**15


def sie_amount(ore: int) -> str:
    """Öre as a SIE amount: '-1234.50', '100.00'."""
    if -_FLOAT_EXACT < ore < _FLOAT_EXACT:
        return f"{ore / 100:.2f}"
    sign = "-" if ore < 0 else ""
    a = abs(ore)
    return f"{sign}{a // 100}.{a % 100:02d}"


def _group(n: int, sep: str) -> str:
    s = str(n)
    parts = []
    while len(s) > 3:
        parts.insert(0, s[-3:])
        s = s[:-3]
    parts.insert(0, s)
    return sep.join(parts)


def format_ore(ore: int, *, decimals: bool = True, sep: str = " ", minus: str = "-") -> str:
    """1234567 öre -> '12 345,67' (decimals) or '12 346' (whole kronor, rounded half away from 0)."""
    neg = ore < 0
    a = abs(ore)
    if decimals:
        text = f"{_group(a // 100, sep)},{a % 100:02d}"
    else:
        text = _group(round_half_away(a, 100) // 100, sep)
    if neg and text.strip("0, ") != "":
        return minus + text
    return text


def format_kr(ore: int, *, sep: str = " ", minus: str = "-") -> str:
    """Whole kronor for reports: 123456789 öre -> '1 234 568'."""
    return format_ore(ore, decimals=False, sep=sep, minus=minus)


def round_half_away(value: int, unit: int) -> int:
    """Round an integer to a multiple of unit, halves away from zero."""
    q, r = divmod(abs(value), unit)
    if r * 2 >= unit:
        q += 1
    return q * unit if value >= 0 else -q * unit


def to_kr(ore: int) -> int:
    """Whole kronor (rounded half away from zero)."""
    return round_half_away(ore, 100) // 100


def to_tkr(ore: int) -> int:
    """Whole tusental kronor (rounded half away from zero)."""
    return round_half_away(ore, 100_000) // 100_000


def round_to_total(values: Sequence[int], total: int | None, unit: int) -> list[int]:
    """Round each value to `unit` so that the rounded values add up to the rounded total.

    The largest-remainder method: round everything down (towards -inf), then hand the
    missing units to the values that lost the most. `total` defaults to sum(values);
    the rounded total is round_half_away(total, unit). Returns the rounded values in the
    same unit as the input (multiples of unit).
    """
    if total is None:
        total = sum(values)
    target = round_half_away(total, unit)
    floors = [(v // unit) * unit for v in values]
    missing = (target - sum(floors)) // unit
    order = sorted(range(len(values)), key=lambda i: (-(values[i] - floors[i]), i))
    result = list(floors)
    if missing >= 0:
        for i in order[:missing]:
            result[i] += unit
    else:
        for i in list(reversed(order))[: -missing]:
            result[i] -= unit
    return result


def sum_ore(values: Iterable[int]) -> int:
    return sum(int(v) for v in values)


def pro_rata(amount: int, frac: Fraction) -> int:
    """amount × frac in whole öre, halves rounded away from zero."""
    n = abs(amount) * frac.numerator
    q, r = divmod(n, frac.denominator)
    if 2 * r >= frac.denominator:
        q += 1
    return q if amount >= 0 else -q
