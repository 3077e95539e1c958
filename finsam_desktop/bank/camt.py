"""ISO 20022 camt.053 (BankToCustomerStatement), versions 001.02 up to 001.13.

One `Statement` per <Stmt> (a file may hold several, for several accounts), one
`BankLine` per booked <Ntry>. Messages name the file, the line and the XML path."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from xml.parsers import expat
from pathlib import Path

from .model import BankLine, ParsedFile, Statement, StatementError

NS_RE = re.compile(r"^\{urn:iso:std:iso:20022:tech:xsd:camt\.053\.001\.(\d\d)\}Document$")
_AMOUNT_RE = re.compile(r"^\d{1,15}(\.\d{1,2})?$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def _parse(data: bytes):
    """The element tree and the line each element starts on (expat reports positions)."""
    builder = ET.TreeBuilder()
    line_of: dict[int, int] = {}
    parser = expat.ParserCreate(namespace_separator="}")

    def start(tag, attrs):
        tag = "{" + tag if "}" in tag else tag
        elem = builder.start(tag, attrs)
        line_of[id(elem)] = parser.CurrentLineNumber

    def end(tag):
        builder.end("{" + tag if "}" in tag else tag)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = builder.data
    parser.Parse(data, True)
    return builder.close(), line_of


def looks_like_camt(data: bytes) -> bool:
    head = data[:4000]
    return b"camt.053" in head or b"BkToCstmrStmt" in head


def parse_camt053(data: bytes, path: str | Path, *, currency: str = "SEK") -> ParsedFile:
    name = Path(path).name
    try:
        root, line_of = _parse(data)
    except expat.ExpatError as exc:
        line, col = exc.lineno, exc.offset
        raise StatementError(f"{name}, rad {line}: filen är inte giltig XML ({_xml_reason(exc)}, "
                             f"kolumn {col + 1}). Filen kan vara avkortad. Ingenting har lästs in.",
                             path=str(path), line=line) from None
    m = NS_RE.match(root.tag)
    if not m:
        raise StatementError(f"{name}: filen är inte ett kontoutdrag enligt ISO 20022 camt.053 "
                             f"(rotelementet är {_local(root.tag)}, väntat Document i namnrymden "
                             "urn:iso:std:iso:20022:tech:xsd:camt.053.001.xx).", path=str(path), line=1)
    version = m.group(1)
    reader = _Reader(root.tag[1:root.tag.index("}")], name, str(path), line_of, currency)
    stmt_parent = reader.child(root, "BkToCstmrStmt", "Document")
    stmts = reader.children(stmt_parent, "Stmt")
    if not stmts:
        raise StatementError(f"{name}: kontoutdraget innehåller inget <Stmt> (Document/BkToCstmrStmt/Stmt).",
                             path=str(path))
    statements = [reader.statement(s, f"Document/BkToCstmrStmt/Stmt[{i}]") for i, s in enumerate(stmts, 1)]
    return ParsedFile(str(path), f"camt.053.001.{version}", statements)


def _xml_reason(exc: expat.ExpatError) -> str:
    text = expat.ErrorString(exc.code)
    return {"no element found": "filen tar slut mitt i ett element",
            "mismatched tag": "en sluttagg passar inte",
            "not well-formed (invalid token)": "ogiltigt tecken",
            "unclosed token": "ett element avslutas inte",
            "syntax error": "syntaxfel"}.get(text, text)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


class _Reader:
    def __init__(self, ns: str, name: str, path: str, line_of: dict[int, int], currency: str):
        self.currency = currency
        self.ns = "{" + ns + "}"
        self.name = name
        self.path = path
        self.line_of = line_of

    # ---------------------------------------------------------------- navigation
    def find(self, elem, rel: str):
        return elem.find("/".join(self.ns + p for p in rel.split("/")))

    def children(self, elem, tag: str) -> list:
        return elem.findall(self.ns + tag)

    def text(self, elem, rel: str) -> str:
        e = self.find(elem, rel)
        return (e.text or "").strip() if e is not None else ""

    def child(self, elem, rel: str, where: str):
        e = self.find(elem, rel)
        if e is None:
            self.fail(elem, f"{where}/{rel}", f"elementet {rel} saknas")
        return e

    def fail(self, elem, where: str, what: str, line: int | None = None):
        line = line or self.line_of.get(id(elem))
        at = f", rad {line}" if line else ""
        raise StatementError(f"{self.name}{at} ({where}): {what}. Ingenting har lästs in.",
                             path=self.path, line=line, field=where)

    # ---------------------------------------------------------------- values
    def amount(self, elem, rel: str, where: str) -> tuple[int, str]:
        """(öre with sign from CdtDbtInd, currency) of <Amt> under `elem`."""
        amt = self.child(elem, rel, where)
        raw = (amt.text or "").strip()
        if not _AMOUNT_RE.match(raw):
            self.fail(amt, f"{where}/{rel}", f"beloppet ”{raw}” är inte ett belopp med högst två decimaler "
                      "(t.ex. 1234.50)")
        whole, _, frac = raw.partition(".")
        ore = int(whole) * 100 + int(frac.ljust(2, "0") or "0")
        ind = self.text(elem, "CdtDbtInd")
        if ind not in ("CRDT", "DBIT"):
            self.fail(elem, f"{where}/CdtDbtInd", f"CdtDbtInd ska vara CRDT eller DBIT, inte ”{ind}”")
        return (ore if ind == "CRDT" else -ore), amt.get("Ccy", "")

    def date(self, elem, rel: str, where: str) -> str:
        e = self.find(elem, rel + "/Dt")
        if e is None:
            e = self.find(elem, rel + "/DtTm")
        if e is None:
            self.fail(elem, f"{where}/{rel}", f"datum saknas ({rel}/Dt eller {rel}/DtTm)")
        raw = (e.text or "").strip()
        if not _DATE_RE.match(raw):
            self.fail(e, f"{where}/{rel}", f"”{raw}” är inte ett datum (ÅÅÅÅ-MM-DD)")
        return raw[:10]

    # ---------------------------------------------------------------- statement
    def statement(self, s, where: str) -> Statement:
        acct = self.child(s, "Acct", where)
        account_id = self.text(acct, "Id/IBAN") or self.text(acct, "Id/Othr/Id")
        if not account_id:
            self.fail(acct, f"{where}/Acct/Id", "kontots IBAN eller kontonummer saknas")
        currency = self.text(acct, "Ccy")
        if currency and currency != self.currency:
            self.fail(self.find(acct, "Ccy"), f"{where}/Acct/Ccy", f"kontot {account_id} förs i valutan {currency}; "
                      f"bokens bankkonto förs i {self.currency}")
        balances: dict[str, tuple[int, str, str]] = {}
        for i, bal in enumerate(self.children(s, "Bal"), 1):
            w = f"{where}/Bal[{i}]"
            code = self.text(bal, "Tp/CdOrPrtry/Cd") or self.text(bal, "Tp/CdOrPrtry/Prtry")
            amount, ccy = self.amount(bal, "Amt", w)
            balances.setdefault(code, (amount, self.date(bal, "Dt", w), ccy))
            currency = currency or ccy
        opening = balances.get("OPBD") or balances.get("PRCD")
        closing = balances.get("CLBD")
        lines = []
        for i, ntry in enumerate(self.children(s, "Ntry"), 1):
            line = self.entry(ntry, f"{where}/Ntry[{i}]", currency)
            if line is not None:
                lines.append(line)
        for_dates = [ln.booking_date for ln in lines]
        date_from = (self.text(s, "FrToDt/FrDtTm")[:10] or (opening[1] if opening else "")
                     or (min(for_dates) if for_dates else ""))
        date_to = (self.text(s, "FrToDt/ToDtTm")[:10] or (closing[1] if closing else "")
                   or (max(for_dates) if for_dates else ""))
        if not date_from or not date_to:
            self.fail(s, f"{where}/FrToDt", "kontoutdragets period saknas (FrToDt eller saldon med datum)")
        # An OPBD/PRCD balance is dated the day before the period (or its first day).
        return Statement(account_id=account_id, currency=currency, date_from=date_from, date_to=date_to,
                         opening=opening[0] if opening else None, closing=closing[0] if closing else None,
                         lines=lines, statement_ref=self.text(s, "Id"),
                         where=f"{where} (rad {self.line_of.get(id(s), '?')})")

    def entry(self, ntry, where: str, currency: str) -> BankLine | None:
        status = self.text(ntry, "Sts/Cd") or self.text(ntry, "Sts")
        if status and status != "BOOK":
            return None  # pending (PDNG) or information (INFO): not on the account yet
        amount, ccy = self.amount(ntry, "Amt", where)
        if currency and ccy and ccy != currency:
            self.fail(ntry, f"{where}/Amt", f"raden är i valutan {ccy} men kontot i {currency}")
        booking = self.date(ntry, "BookgDt", where)
        value = self.date(ntry, "ValDt", where) if self.find(ntry, "ValDt") is not None else booking
        reference = self.text(ntry, "AcctSvcrRef") or self.text(ntry, "NtryRef")
        texts, ocr, party = [], "", ""
        for tx in ntry.iter(self.ns + "TxDtls"):
            ocr = ocr or self.text(tx, "RmtInf/Strd/CdtrRefInf/Ref")
            for u in tx.iter(self.ns + "Ustrd"):
                if (u.text or "").strip():
                    texts.append(u.text.strip())
            debtor = self.text(tx, "RltdPties/Dbtr/Pty/Nm") or self.text(tx, "RltdPties/Dbtr/Nm")
            creditor = self.text(tx, "RltdPties/Cdtr/Pty/Nm") or self.text(tx, "RltdPties/Cdtr/Nm")
            party = party or (debtor if amount > 0 else creditor) or debtor or creditor
            reference = reference or self.text(tx, "Refs/AcctSvcrRef")
        extra = self.text(ntry, "AddtlNtryInf")
        if extra and extra not in texts:
            texts.append(extra)
        text = " ".join(texts) or party or (f"OCR {ocr}" if ocr else "")
        return BankLine(booking_date=booking, amount=amount, text=text, value_date=value,
                        reference=reference, ocr=ocr, counterparty=party,
                        where=f"{where} (rad {self.line_of.get(id(ntry), '?')})")
