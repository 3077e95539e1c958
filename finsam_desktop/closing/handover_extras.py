"""The handover package's files beyond the report: the verifikationslista (grundbok), the
log with every rättelse, the kontrollrapport (the bokslut's checks, the bank figure and
its difference) and the SUS figures. A file of a year that is not closed says UTKAST in
its first line (and, like every file of the package, in its name).

    for name, purpose, write in extra_steps(book, year_id, label): write(folder / name)
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from ..book import Book, VoucherFilter
from ..findings import ERROR, OK, WARNING
from ..money import format_ore
from ..render.xlsx_sus import write_sus_xlsx
from ..reports.sus import sus_figures
from .checks import run_checks, saved_bank_statement

DRAFT = "UTKAST – räkenskapsåret är inte stängt; siffrorna kan ändras."


def write_voucher_list(book: Book, year_id: int, path: Path) -> None:
    """Every row of every verifikation of the year in series and number order (CSV, ';',
    UTF-8 with BOM so Excel reads å, ä, ö): the grundbok."""
    accounts = {a.number: a.name for a in book.accounts()}
    names = {c.id: c.name for c in book.counterparts()}
    year = book.year(year_id)
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, delimiter=";")
        if not year.is_closed:
            w.writerow([DRAFT])
        w.writerow(["Serie", "Nummer", "Datum", "Text", "Konto", "Kontonamn", "Insats", "Motpart", "Debet",
                    "Kredit", "Radtext", "Bokförd"])
        for series, number, date, text, booked_at, rows in book.iter_year_vouchers(year_id):
            for account, amount, code, rtext, cp in rows:
                w.writerow([series, number, date, text, account, accounts.get(account, ""), code or "",
                            names.get(cp, "") if cp else "", format_ore(amount) if amount > 0 else "",
                            format_ore(-amount) if amount < 0 else "", rtext or "", booked_at])


def _ref(book: Book, voucher_id: int) -> str:
    """'A 244 (2024)': a verifikation of another year, named with its year."""
    v = book.voucher(voucher_id)
    return f"{v.series} {v.number} ({v.date[:4]})" if v else str(voucher_id)


def write_log(book: Book, year_id: int, path: Path) -> None:
    """The whole audit log (every change to the book, rättelser among them) as JSON, with
    the year's rättelser listed first."""
    year = book.year(year_id)
    vouchers = book.list_vouchers(VoucherFilter(year_id=year_id))
    refs = {v.id: v.ref for v in vouchers}
    reversals = [{"verifikation": v.ref, "datum": v.date, "text": v.text, "belopp": v.amount,
                  "rattar": refs.get(v.corrects_id) or _ref(book, v.corrects_id)}
                 for v in vouchers if v.corrects_id is not None]
    data = {"utkast": not year.is_closed, "rattelser": reversals, "logg": book.audit_log()}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def write_control_report(book: Book, year_id: int, path: Path) -> None:
    """The bokslut's checks with their verdicts, and the bank figure against the statement."""
    year = book.year(year_id)
    statement = saved_bank_statement(book, year, year.end)
    findings = run_checks(book, year_id, bank_statement=statement)
    bank = book.account_role("bank")
    booked = book.balance_at(year.end, accounts=[bank]).get(bank, 0)
    lines = [f"Kontrollrapport {year.label} – {book.forbund().namn}"]
    if not year.is_closed:
        lines.append(DRAFT)
    lines.append("")
    lines.append(f"Bank (konto {bank}) enligt bokföringen {year.end}: {format_ore(booked)} kr")
    if statement is None:
        lines.append("Saldo enligt kontoutdrag: inte angivet")
    else:
        lines.append(f"Saldo enligt kontoutdrag: {format_ore(statement)} kr")
        lines.append(f"Skillnad: {format_ore(booked - statement)} kr")
    lines.append("")
    for f in findings:
        mark = {OK: "OK     ", ERROR: "FEL    ", WARNING: "VARNING"}.get(f.severity, f.severity)
        lines.append(f"[{mark}] {f.title or f.check}: {f.message}")
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")


def extra_steps(book: Book, year_id: int, label: str) -> list[tuple[str, str, object]]:
    """(file name, purpose, writer) of the added files."""
    return [
        (f"Verifikationslista {label}.csv", "Grundboken: varje rad i varje verifikation i nummerordning, "
                                                  "med konto, insats och motpart (CSV för Excel).",
         lambda p: write_voucher_list(book, year_id, p)),
        (f"Logg {label}.json", "Händelseloggen: varje ändring i boken, med årets rättelser först (JSON).",
         lambda p: write_log(book, year_id, p)),
        (f"Kontrollrapport {label}.txt", "Bokslutets kontroller med resultat, och banksaldot mot "
                                               "kontoutdraget med skillnaden.",
         lambda p: write_control_report(book, year_id, p)),
        (f"SUS {label}.xlsx", "Uppgifterna att föra in i SUS: finansiering per medlem, insatser och "
                                    "administration, kontrollerade mot resultaträkningen.",
         lambda p: write_sus_xlsx(sus_figures(book, year_id), book.forbund().namn, p)),
    ]
