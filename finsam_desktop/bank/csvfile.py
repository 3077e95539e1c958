"""Bank statements as CSV from the internet bank, read with a column mapping the user
sets once per book and bank account.

The presets follow the shapes the big Swedish banks export:

* Handelsbanken (Kontoutdrag, Exportera till Excel/CSV): semicolon, decimal comma,
  Windows-1252; Reskontradatum;Transaktionsdatum;Text;Belopp;Saldo.
* Swedbank (Transaktioner, Exportera): a title line, then comma-separated
  Radnummer,Clearingnummer,Kontonummer,Produkt,Valuta,Bokföringsdag,Transaktionsdag,
  Valutadag,Referens,Beskrivning,Belopp,Bokfört saldo with a decimal point.
* SEB (Företag, Kontoutdrag som fil): semicolon;
  Bokföringsdatum;Valutadatum;Verifikationsnummer;Text;Belopp;Saldo.
* Nordea (Företag, Exportera transaktioner): semicolon, newest first, dates YYYY/MM/DD;
  Bokföringsdag;Belopp;Avsändare;Mottagare;Namn;Rubrik;Saldo;Valuta.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import asdict, dataclass
from datetime import date as _date
from pathlib import Path

from .model import BankLine, ParsedFile, Statement, StatementError


@dataclass(frozen=True)
class CsvMapping:
    """Which column holds what (by its heading), and how the file is written."""
    date: str
    text: str | tuple[str, ...]
    amount: str = ""            # one signed amount column, or debit and credit columns
    debit: str = ""             # money out (positive numbers)
    credit: str = ""            # money in
    balance: str = ""
    value_date: str = ""
    reference: str = ""
    currency: str = ""
    delimiter: str = ";"
    skip_lines: int = 0         # title lines before the heading
    name: str = "egen"

    def to_json(self) -> str:
        d = asdict(self)
        d["text"] = list(self.text) if isinstance(self.text, tuple) else self.text
        return json.dumps(d, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> "CsvMapping":
        d = json.loads(text)
        if isinstance(d.get("text"), list):
            d["text"] = tuple(d["text"])
        return cls(**d)

    def texts(self) -> tuple[str, ...]:
        return (self.text,) if isinstance(self.text, str) else tuple(self.text)

    def columns(self) -> list[str]:
        cols = [self.date, *self.texts(), self.amount, self.debit, self.credit, self.balance,
                self.value_date, self.reference, self.currency]
        return [c for c in cols if c]


PRESETS: dict[str, CsvMapping] = {
    "handelsbanken": CsvMapping(date="Reskontradatum", value_date="Transaktionsdatum", text="Text",
                                amount="Belopp", balance="Saldo", name="handelsbanken"),
    "swedbank": CsvMapping(date="Bokföringsdag", value_date="Valutadag", text=("Beskrivning", "Referens"),
                           amount="Belopp", balance="Bokfört saldo", currency="Valuta", delimiter=",",
                           skip_lines=1, name="swedbank"),
    "seb": CsvMapping(date="Bokföringsdatum", value_date="Valutadatum", text="Text", amount="Belopp",
                      balance="Saldo", reference="Verifikationsnummer", name="seb"),
    "nordea": CsvMapping(date="Bokföringsdag", text=("Namn", "Rubrik"), amount="Belopp", balance="Saldo",
                         currency="Valuta", name="nordea"),
}


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) when it decodes strictly, else Windows-1252 (what the
    banks' Excel-oriented exports use)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


_NUM_RE = re.compile(r"^([+-])?(\d{1,3}(?:[ .\u00a0]\d{3})+|\d+)(?:[,.](\d{1,2}))?$")


def parse_amount(raw: str) -> int | None:
    """A bank's amount in öre: '-1 234,50', '1234.50', '1.234,50', '−12,05'; None if not one."""
    s = (raw or "").strip().replace("\u2212", "-").replace("kr", "").replace("SEK", "").strip()
    s = s.replace("\u202f", " ")
    if not s:
        return None
    if re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+\.\d{1,2}", s):   # 1,234.50
        s = s.replace(",", "")
    m = _NUM_RE.match(s)
    if not m:
        return None
    sign, whole, frac = m.groups()
    ore = int(re.sub(r"[ .\u00a0]", "", whole)) * 100 + int((frac or "0").ljust(2, "0"))
    return -ore if sign == "-" else ore


def parse_date(raw: str) -> str | None:
    s = (raw or "").strip()
    for pat in (r"(\d{4})-(\d{2})-(\d{2})", r"(\d{4})/(\d{2})/(\d{2})", r"(\d{4})(\d{2})(\d{2})",
                r"(\d{4})\.(\d{2})\.(\d{2})"):
        m = re.fullmatch(pat, s)
        if m:
            try:
                return _date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
            except ValueError:
                return None
    return None


def parse_csv(data: bytes, path: str | Path, mapping: CsvMapping, *, expected_currency: str = "SEK") -> ParsedFile:
    name = Path(path).name
    text = decode(data)
    rows = list(csv.reader(io.StringIO(text), delimiter=mapping.delimiter))
    head_at = mapping.skip_lines
    while head_at < len(rows) and not any(c.strip() for c in rows[head_at]):
        head_at += 1
    if head_at >= len(rows):
        raise StatementError(f"{name}: filen är tom (ingen rubrikrad efter {mapping.skip_lines} inledande rader).",
                             path=str(path))
    heading = [c.strip() for c in rows[head_at]]
    missing = [c for c in mapping.columns() if c not in heading]
    if missing:
        sep = {";": "semikolon", ",": "komma", "\t": "tabb"}.get(mapping.delimiter, mapping.delimiter)
        raise StatementError(
            f"{name}, rad {head_at + 1}: kolumnerna {', '.join(missing)} som kolumnmappningen "
            f"({mapping.name}) väntar sig finns inte i rubrikraden. Rubrikraden har: {', '.join(heading) or 'inget'} "
            f"(avgränsare {sep}). Ändra kolumnmappningen för kontot. Ingenting har lästs in.",
            path=str(path), line=head_at + 1)
    col = {h: i for i, h in enumerate(heading)}
    lines: list[BankLine] = []
    for n, row in enumerate(rows[head_at + 1:], head_at + 2):
        if not any(c.strip() for c in row):
            continue

        def cell(c: str) -> str:
            return row[col[c]].strip() if c and col[c] < len(row) else ""

        def bad(c: str, what: str):
            raise StatementError(f"{name}, rad {n}, kolumn {c}: {what}. Ingenting har lästs in.",
                                 path=str(path), line=n, field=c)

        booking = parse_date(cell(mapping.date))
        if booking is None:
            bad(mapping.date, f"”{cell(mapping.date)}” är inget datum (väntat ÅÅÅÅ-MM-DD)")
        if mapping.amount:
            amount = parse_amount(cell(mapping.amount))
            if amount is None:
                bad(mapping.amount, f"”{cell(mapping.amount)}” är inget belopp (väntat t.ex. -1 234,50)")
        else:
            out = parse_amount(cell(mapping.debit)) if cell(mapping.debit) else 0
            inn = parse_amount(cell(mapping.credit)) if cell(mapping.credit) else 0
            if out is None:
                bad(mapping.debit, f"”{cell(mapping.debit)}” är inget belopp")
            if inn is None:
                bad(mapping.credit, f"”{cell(mapping.credit)}” är inget belopp")
            amount = inn - abs(out)
        balance = None
        if mapping.balance:
            balance = parse_amount(cell(mapping.balance))
            if balance is None:
                bad(mapping.balance, f"”{cell(mapping.balance)}” är inget saldo (väntat t.ex. 12 345,67)")
        if mapping.currency and cell(mapping.currency) and cell(mapping.currency) != expected_currency:
            bad(mapping.currency, f"raden är i valutan {cell(mapping.currency)}, bokens bankkonto i {expected_currency}")
        value = parse_date(cell(mapping.value_date)) if mapping.value_date else None
        text = " ".join(t for t in (cell(c) for c in mapping.texts()) if t)
        lines.append(BankLine(booking_date=booking, amount=amount, text=text, value_date=value or booking,
                              reference=cell(mapping.reference), balance=balance, where=f"rad {n}"))
    if not lines:
        raise StatementError(f"{name}: filen har inga transaktionsrader efter rubrikraden (rad {head_at + 1}).",
                             path=str(path), line=head_at + 1)
    lines = _in_date_order(lines, name, str(path))
    opening = closing = None
    if lines[0].balance is not None:
        opening = lines[0].balance - lines[0].amount
        closing = lines[-1].balance
    return ParsedFile(str(path), f"csv:{mapping.name}",
                      [Statement(account_id="", currency=expected_currency, date_from=lines[0].booking_date,
                                 date_to=lines[-1].booking_date, opening=opening, closing=closing,
                                 lines=lines, where=name)])


def _chain_break(lines: list[BankLine]) -> int | None:
    """Index of the first line whose running balance does not follow from the one before."""
    for i in range(1, len(lines)):
        if lines[i].balance != lines[i - 1].balance + lines[i].amount:
            return i
    return None


def _in_date_order(lines: list[BankLine], name: str, path: str) -> list[BankLine]:
    """Oldest first. Banks export newest first or oldest first; the running balance tells
    which, and must then follow line by line."""
    if lines[0].balance is None:
        if any(ln.balance is not None for ln in lines):
            raise StatementError(f"{name}, {lines[0].where}: saldo saknas på raden men finns på andra rader.",
                                 path=path)
        return sorted(lines, key=lambda ln: ln.booking_date) if lines[0].booking_date > lines[-1].booking_date \
            else lines
    if any(ln.balance is None for ln in lines):
        missing = next(ln for ln in lines if ln.balance is None)
        raise StatementError(f"{name}, {missing.where}: saldo saknas på raden.", path=path)
    forward = _chain_break(lines)
    if forward is None:
        return lines
    backward = _chain_break(lines[::-1])
    if backward is None:
        return lines[::-1]
    first = lines[forward] if lines[0].booking_date <= lines[-1].booking_date else lines[::-1][backward]
    raise StatementError(f"{name}, {first.where}: saldot stämmer inte med föregående rads saldo och radens "
                         "belopp; en rad saknas eller filen är ändrad. Ingenting har lästs in.", path=path)
