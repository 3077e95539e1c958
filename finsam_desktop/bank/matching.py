"""Matching bank lines to the booked verifikationer that moved the bank account, and
rules that propose a verifikation for a line nothing matches.

Pure: the caller passes the unmatched lines and the unmatched bank movements of the
book; the result is a list of proposals (one line to one or several verifikationer)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as _date
from itertools import combinations

MAX_DAYS = 7          # a payment is booked within a week of the bank's booking date
MAX_PARTS = 3         # one bank line to at most this many verifikationer
_WORD = re.compile(r"[0-9]+|[0-9a-zåäöéü]{3,}")


@dataclass(frozen=True)
class LineCandidate:
    id: int
    date: str
    amount: int
    text: str = ""
    ocr: str = ""
    reference: str = ""
    counterparty: str = ""


@dataclass(frozen=True)
class Movement:
    """A booked verifikation's net movement of the bank account."""
    voucher_id: int
    date: str
    amount: int
    text: str = ""
    ref: str = ""


@dataclass(frozen=True)
class Proposal:
    line_id: int
    voucher_ids: tuple[int, ...]
    score: int


def _ordinal(iso: str) -> int:
    return _date.fromisoformat(iso).toordinal()


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def _score(line: LineCandidate, mv: Movement, days: int) -> int:
    """Higher is better: near in date, sharing reference, OCR, counterparty or words."""
    score = 100 - 10 * days
    vt = mv.text.lower()
    if line.ocr and line.ocr in mv.text:
        score += 50
    if line.reference and line.reference.lower() in vt:
        score += 50
    if line.counterparty and line.counterparty.lower() in vt:
        score += 30
    score += 5 * min(4, len(_words(line.text) & _words(mv.text)))
    return score


def propose_matches(lines: list[LineCandidate], movements: list[Movement], *,
                    max_days: int = MAX_DAYS) -> list[Proposal]:
    """One to one first (same amount, within max_days, best score first, each
    verifikation used once), then one line to two or three verifikationer of the same
    sign within max_days whose amounts add up to the line's."""
    by_amount: dict[int, list[tuple[int, Movement]]] = {}
    for mv in movements:
        by_amount.setdefault(mv.amount, []).append((_ordinal(mv.date), mv))
    pairs = []
    for ln in lines:
        d = _ordinal(ln.date)
        for md, mv in by_amount.get(ln.amount, ()):
            days = abs(md - d)
            if days <= max_days:
                pairs.append((-_score(ln, mv, days), ln.id, mv.voucher_id))
    pairs.sort()
    used_lines: set[int] = set()
    used_vouchers: set[int] = set()
    out: list[Proposal] = []
    for neg, lid, vid in pairs:
        if lid in used_lines or vid in used_vouchers:
            continue
        used_lines.add(lid)
        used_vouchers.add(vid)
        out.append(Proposal(lid, (vid,), -neg))

    rest = [mv for mv in movements if mv.voucher_id not in used_vouchers]
    if rest:
        by_day: dict[int, list[Movement]] = {}
        for mv in rest:
            by_day.setdefault(_ordinal(mv.date), []).append(mv)
        for ln in lines:
            if ln.id in used_lines or ln.amount == 0:
                continue
            d = _ordinal(ln.date)
            near = [mv for day in range(d - max_days, d + max_days + 1) for mv in by_day.get(day, ())
                    if mv.voucher_id not in used_vouchers and (mv.amount > 0) == (ln.amount > 0)
                    and abs(mv.amount) < abs(ln.amount)]
            if len(near) < 2:
                continue
            # The likeliest parts first: sharing words with the line, then near in date.
            words = _words(ln.text)
            near = sorted(near, key=lambda mv: (-len(words & _words(mv.text)), abs(_ordinal(mv.date) - d)))[:16]
            found = None
            for k in range(2, MAX_PARTS + 1):
                for combo in combinations(near, k):
                    if sum(mv.amount for mv in combo) == ln.amount:
                        found = combo
                        break
                if found:
                    break
            if found:
                used_lines.add(ln.id)
                used_vouchers.update(mv.voucher_id for mv in found)
                out.append(Proposal(ln.id, tuple(mv.voucher_id for mv in found), 40))
    return out


@dataclass(frozen=True)
class Rule:
    id: int
    pattern: str        # the line's text or counterparty contains this (case does not matter)
    account: int        # the other side of the bank account
    text: str = ""      # the verifikation's text ('' = the bank line's text)


def rule_for(rules: list[Rule], text: str, counterparty: str = "") -> Rule | None:
    """The first rule (in the given order) whose pattern the line's text or counterparty contains."""
    hay = f"{text} {counterparty}".lower()
    for rule in rules:
        if rule.pattern.strip().lower() in hay:
            return rule
    return None


def text_key(text: str) -> str:
    """A bank text without its numbers and dates: 'BANKAVGIFTER 2025-01' -> 'bankavgifter'."""
    return " ".join(w for w in re.findall(r"[^\W\d_]+", text.lower()) if len(w) > 1)


@dataclass(frozen=True)
class Template:
    """A mall: an earlier line with the same text (or counterparty) and the two-row
    verifikation it was matched to."""
    voucher_id: int
    ref: str
    account: int


def template_for(history: list[tuple[str, str, int, str, int]], text: str, counterparty: str = "") -> Template | None:
    """The newest earlier line (history newest first: text, counterparty, voucher id,
    ref, other account) whose text without numbers, or whose counterparty, is the same."""
    key = text_key(text)
    party = counterparty.strip().lower()
    for h_text, h_party, vid, ref, account in history:
        if account is None:
            continue
        if (key and text_key(h_text) == key) or (party and h_party.strip().lower() == party):
            return Template(vid, ref, account)
    return None
