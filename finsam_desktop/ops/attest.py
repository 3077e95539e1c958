"""Attest per the förbund's attestordning: the attestanter of a year with their
beloppsgräns, the attest of a verifikation (who and when, never changed), who registered
it, what is not attested, and the internkontroll's random sample.

The book is a single-user file without passwords: the attestant's name is what the user
types or picks, and the book records it with the time. The program checks that the name
is an attestant of the verifikation's year and that the amount lies within the limit.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timezone

from ..book import Book
from ..book import underlag as store
from ..book.model import Voucher
from ..book.underlag import Attachment, Attest, Attestant
from ..errors import InputError, RuleError
from ..money import format_ore


def attestants(book: Book, year_id: int) -> list[Attestant]:
    return store.attestants(book, year_id)


def add_attestant(book: Book, year_id: int, name: str, *, role: str = "", limit: int | None = None) -> Attestant:
    """Add an attestant to the year's register; `limit` in öre (None: no beloppsgräns)."""
    year = book.existing_year(year_id)
    name = (name or "").strip()
    if not name:
        raise InputError("Ange attestantens namn.", field="namn")
    if limit is not None and limit <= 0:
        raise InputError("Beloppsgränsen måste vara större än noll (lämna tom för ingen gräns).", field="gräns")
    if any(a.name.lower() == name.lower() for a in store.attestants(book, year_id)):
        raise RuleError(f"{name} finns redan bland attestanterna för {year.label}.", field="namn")
    with book.transaction():
        aid = store.insert_attestant(book, year_id, name, (role or "").strip(), limit)
        book.audit("attestant.add", year_id=year_id, name=name, limit=limit)
    return next(a for a in store.attestants(book, year_id) if a.id == aid)


def remove_attestant(book: Book, year_id: int, name: str) -> None:
    a = next((a for a in store.attestants(book, year_id) if a.name == name), None)
    if a is None:
        raise InputError(f"{name} finns inte bland årets attestanter.", field="namn")
    with book.transaction():
        store.delete_attestant(book, a.id)
        book.audit("attestant.remove", year_id=year_id, name=name)


def voucher_amount(v: Voucher) -> int:
    """A verifikation's amount: the sum of its debit side."""
    return sum(r.amount for r in v.rows if r.amount > 0)


def attest_of(book: Book, voucher_id: int) -> Attest | None:
    return store.attest_of(book, voucher_id)


def registrar_of(book: Book, voucher_id: int) -> str:
    return store.registrar_of(book, voucher_id)


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def attest(book: Book, voucher_id: int, attestant: str, *, at: str | None = None) -> Attest:
    """Record that `attestant` attested the booked verifikation. Refused: an unknown
    verifikation, a closed year, a name not in the year's register, an amount above the
    attestant's limit, and a second attest of the same verifikation."""
    v = book.voucher(voucher_id)
    if v is None:
        raise InputError(f"Verifikationen {voucher_id} finns inte.", field="verifikation")
    year = book.existing_year(v.year_id)
    if year.is_closed:
        raise RuleError(f"Räkenskapsåret {year.label} är stängt; verifikation {v.ref} kan inte attesteras nu.")
    done = store.attest_of(book, voucher_id)
    if done is not None:
        raise RuleError(f"Verifikation {v.ref} är redan attesterad av {done.attestant} "
                        f"({done.attested_at[:10]}). En attest görs en gång och ändras inte.")
    name = (attestant or "").strip()
    register = store.attestants(book, v.year_id)
    if not register:
        raise RuleError(f"Inga attestanter är registrerade för {year.label}. Lägg in attestordningens "
                        "attestanter först.", field="attestant")
    who = next((a for a in register if a.name.lower() == name.lower()), None)
    if who is None:
        raise RuleError(f"”{name}” är inte attestant för {year.label} (attestanter: "
                        f"{', '.join(a.name for a in register)}).", field="attestant")
    amount = voucher_amount(v)
    if who.limit is not None and amount > who.limit:
        raise RuleError(f"Verifikation {v.ref} gäller {format_ore(amount)} kr, över {who.name}s "
                        f"beloppsgräns {format_ore(who.limit)} kr.", field="attestant")
    with book.transaction():
        store.insert_attest(book, voucher_id, who.name, at or _now())
        book.audit("voucher.attest", id=voucher_id, attestant=who.name)
    return store.attest_of(book, voucher_id)


def record_registrar(book: Book, voucher_id: int, name: str) -> None:
    """Record who registered (bokförde) the verifikation; once."""
    name = (name or "").strip()
    if not name:
        return
    if store.registrar_of(book, voucher_id):
        raise RuleError("Det är redan registrerat vem som bokförde verifikationen.")
    with book.transaction():
        store.set_registrar(book, voucher_id, name)


def requires_attest(book: Book, year_id: int) -> list[int]:
    """The year's verifikationer the attestordning covers: utbetalningar from the bank
    account and leverantörsfakturor (a credit on leverantörsskulder)."""
    return store.payments_and_invoices(book, year_id, book.account_role("bank"), store.supplier_debt_account(book))


@dataclass(frozen=True)
class Unattested:
    voucher_id: int
    ref: str
    date: str
    text: str
    amount: int
    registered_by: str


def unattested(book: Book, year_id: int) -> list[Unattested]:
    """What the attestordning covers and nobody has attested: the internkontroll's list."""
    done = store.attests(book, year_id)
    out = []
    for vid in requires_attest(book, year_id):
        if vid in done:
            continue
        v = book.voucher(vid)
        out.append(Unattested(vid, v.ref, v.date, v.text, voucher_amount(v), store.registrar_of(book, vid)))
    return out


@dataclass(frozen=True)
class SampleItem:
    voucher: Voucher
    amount: int
    attest: Attest | None
    registered_by: str
    underlag: tuple[Attachment, ...]


def control_sample(book: Book, year_id: int, n: int, *, seed: int | None = None) -> list[SampleItem]:
    """Internkontroll: N verifikationer picked at random over the year (the seed makes the
    pick repeatable and is printed with it), in date order, with their attest and underlag."""
    year = book.existing_year(year_id)
    ids = store.year_voucher_ids(book, year_id)
    if n < 1:
        raise InputError("Ange hur många verifikationer stickprovet ska ha (minst 1).", field="antal")
    if not ids:
        raise RuleError(f"Räkenskapsåret {year.label} har inga verifikationer att ta stickprov bland.")
    picked = sorted(random.Random(seed).sample(ids, min(n, len(ids))), key=ids.index)
    out = []
    for vid in picked:
        v = book.voucher(vid)
        out.append(SampleItem(v, voucher_amount(v), store.attest_of(book, vid), store.registrar_of(book, vid),
                              tuple(store.attachments(book, voucher_id=vid))))
    return out


def sample_entries(book: Book, items: list[SampleItem], exported: dict[int, str]) -> list[dict]:
    """The sample as plain data for the renderer (render.attest_sample.SampleEntry fields);
    `exported` maps an attachment id to the file name it was written under."""
    names = {a.number: a.name for a in book.accounts()}
    out = []
    for it in items:
        images = []
        for a in it.underlag:
            if a.mime != "application/pdf":
                images.append(store.store_of(book).get(a.sha256))
        out.append(dict(
            ref=it.voucher.ref, date=it.voucher.date, text=it.voucher.text, amount=f"{format_ore(it.amount)} kr",
            rows=tuple((str(r.account), names.get(r.account, ""), format_ore(r.amount)) for r in it.voucher.rows),
            registered_by=it.registered_by,
            attest=f"{it.attest.attestant} {it.attest.attested_at[:10]}" if it.attest else "",
            underlag=tuple((a.file_name, a.sha256, exported.get(a.id, "")) for a in it.underlag),
            images=tuple(images)))
    return out
