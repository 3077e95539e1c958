"""Read a statement file (camt.053 or CSV) and check it against itself: every
statement's opening balance plus its lines gives its closing balance, and no entry
reference appears twice."""

from __future__ import annotations

from pathlib import Path

from ..files import read_input
from ..money import format_ore
from .camt import looks_like_camt, parse_camt053
from .csvfile import CsvMapping, parse_csv
from .model import ParsedFile, StatementError


def read_statement_file(path: str | Path, *, mapping: CsvMapping | None = None,
                        currency: str = "SEK") -> ParsedFile:
    p = Path(path)
    data = read_input(p, kind="ett kontoutdrag", error=StatementError)
    if not data.strip():
        raise StatementError(f"{p.name}: filen är tom.", path=str(p))
    stripped = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"<"):
        if not looks_like_camt(data):
            raise StatementError(f"{p.name}, rad 1: filen är XML men inte ett kontoutdrag "
                                 "(väntat ISO 20022 camt.053, BkToCstmrStmt).", path=str(p), line=1)
        parsed = parse_camt053(data, p, currency=currency)
    else:
        if b"\x00" in data[:4000]:
            raise StatementError(f"{p.name}: filen är varken ett kontoutdrag i camt.053 (XML) eller en "
                                 "CSV-fil (den innehåller binära data).", path=str(p))
        if mapping is None:
            raise StatementError(f"{p.name}: för en CSV-fil behövs en kolumnmappning för bankkontot "
                                 "(välj bankens format eller ange kolumnerna en gång).", path=str(p))
        parsed = parse_csv(data, p, mapping, expected_currency=currency)
    check_parsed(parsed, currency=currency)
    return parsed


def check_parsed(parsed: ParsedFile, *, currency: str = "SEK") -> None:
    name = Path(parsed.path).name
    for st in parsed.statements:
        if st.currency and st.currency != currency:
            raise StatementError(f"{name} ({st.where}): kontoutdraget för {st.account_id or 'kontot'} är i "
                                 f"valutan {st.currency}; bokens bankkonto förs i {currency}. "
                                 "Ingenting har lästs in.", path=parsed.path, field="Ccy")
        if st.opening is not None and st.closing is not None:
            total = st.opening + sum(ln.amount for ln in st.lines)
            if total != st.closing:
                raise StatementError(
                    f"{name} ({st.where}): ingående saldo {format_ore(st.opening)} kr plus radernas summa "
                    f"{format_ore(total - st.opening)} kr blir {format_ore(total)} kr, men utgående saldo är "
                    f"{format_ore(st.closing)} kr. Kontoutdraget är ofullständigt. Ingenting har lästs in.",
                    path=parsed.path, field="Bal")
        seen: dict[str, str] = {}
        for ln in st.lines:
            if ln.reference:
                if ln.reference in seen:
                    raise StatementError(
                        f"{name} ({ln.where}): referensen {ln.reference} finns två gånger i filen "
                        f"(också {seen[ln.reference]}). Ingenting har lästs in.", path=parsed.path,
                        field="AcctSvcrRef")
                seen[ln.reference] = ln.where
