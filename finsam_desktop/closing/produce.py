"""Producing the bokslut's files: the PDF, the SIE 4 file, the Excel workbook and the
handover package, for a whole year or (PDF and Excel) a delårsrapport.

    outputs = produce(book, year_id, "2025-12-31", folder, pdf=True, sie=True, xlsx=True,
                      package=True)
    [(what, path), ...]

Working files (PDF, SIE, Excel) are replaced when made again; a handover package never
is: a second one gets a numbered name.
"""

from __future__ import annotations

from pathlib import Path

from ..book import Book
from ..render.pdf import render_pdf
from ..render.xlsx import write_xlsx
from ..reports import build_report
from ..reports.document import build_document
from .document_checks import require_confirmed_figures
from .handover import _safe, existing_folder, export_sie4, make_handover, package_name


def output_names(book: Book, year_id: int, date_to: str) -> dict[str, str]:
    """The file names the bokslut writes, by kind ('pdf', 'sie', 'xlsx')."""
    year = book.year(year_id)
    label = _safe(year.label.replace(" – ", "–"))
    draft = "" if year.is_closed else " (utkast)"
    if date_to != year.end:
        return {"pdf": f"Delårsrapport {date_to}{draft}.pdf", "xlsx": f"Delårsrapport {date_to}.xlsx"}
    return {"pdf": f"Årsredovisning {label}{draft}.pdf", "sie": f"Bokföring {label}.se",
            "xlsx": f"Årsredovisning {label}.xlsx"}


def produce(book: Book, year_id: int, date_to: str, folder: str | Path, *, pdf: bool = True,
            sie: bool = True, xlsx: bool = True, package: bool = False,
            warnings: list[str] | tuple[str, ...] = (), progress=None,
            figures_confirmed: bool = False) -> list[tuple[str, Path]]:
    """Write the chosen files into `folder`; returns [(Swedish description, path)].
    `warnings` (the kontroller's warnings) are listed in a draft PDF under "Att åtgärda
    före beslut", apart from the report engine's own checks. A decided PDF (a closed
    year) is not made while a text holds a figure that matches nothing in the report,
    unless `figures_confirmed` (UnconfirmedFigures otherwise)."""
    year = book.existing_year(year_id)
    if pdf or package:
        require_confirmed_figures(book, year, date_to, figures_confirmed)
    out = existing_folder(folder)
    whole = date_to == year.end
    names = output_names(book, year_id, date_to)
    jobs = [k for k, on in (("pdf", pdf), ("sie", sie and whole), ("xlsx", xlsx),
                            ("package", package and whole)) if on]
    done: list[tuple[str, Path]] = []
    for i, kind in enumerate(jobs):
        if progress is not None:
            progress.update(i, len(jobs), {"pdf": "PDF", "sie": "SIE-fil", "xlsx": "Excel-fil",
                                           "package": "Överlämningspaket"}[kind])
        if kind == "pdf":
            path = out / names["pdf"]
            report = build_report(book, year_id, date_to=date_to)
            # A final PDF lists no checks; a draft lists the warnings apart from the
            # report's own checks (render/pdf_front.py).
            render_pdf(build_document(book, year_id, date_to=date_to, report=report,
                                      warnings=() if report.is_closed else tuple(warnings)), path)
            done.append(("Årsredovisning (PDF)" if whole else "Delårsrapport (PDF)", path))
        elif kind == "sie":
            path = out / names["sie"]
            export_sie4(book, year_id, path)
            done.append(("Bokföringen i SIE 4", path))
        elif kind == "xlsx":
            path = out / names["xlsx"]
            write_xlsx(build_document(book, year_id, date_to=date_to, with_ledger=True), path)
            done.append(("Excel-bok för kommunens ekonom", path))
        else:
            name = package_name(book, year_id)
            n = 2
            while (out / name).exists() or (out / f"{name}.zip").exists():
                name = f"{package_name(book, year_id)} ({n})"
                n += 1
            pkg = make_handover(book, year_id, out, name=name)
            done.append(("Överlämningspaket (mapp)", pkg.folder))
            done.append(("Överlämningspaket (zip)", pkg.zip_path))
    if progress is not None:
        progress.update(len(jobs), len(jobs), "Klart")
    return done

