"""The handover package for kommunens ekonom (and the archive).

    package = make_handover(book, year_id, "ut/")
    package.folder, package.zip_path, package.files

A folder, and a zip of it, holding the årsredovisning as PDF, the year as a SIE 4 file,
an Excel workbook (statements, notes, huvudbok, saldobalans), the report as JSON, a
consistent copy of the book file (SQLite's online backup, so it can be made while the
book is open) and LASMIG.txt, which lists every file with its SHA-256 checksum and what
it is for. SHA256SUMS.txt holds the same checksums in the format `sha256sum -c` reads.

The folder is written under a temporary name and renamed when complete, so a failure
leaves nothing half-written; an existing package is never overwritten.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import zipfile
from dataclasses import dataclass
from datetime import date as _date
from pathlib import Path

from ..book import Book
from ..errors import BookFileError
from ..exchange.sie_writer import export_sie
from ..render.json_out import to_json
from ..reports.annual_extras import annual_extras_json
from ..render.pdf import render_pdf
from ..render.xlsx import write_xlsx
from .handover_extras import extra_steps
from ..reports import build_report
from ..reports.document import build_document
from .underlag import write_underlag_index

README_NAME = "LASMIG.txt"
SUMS_NAME = "SHA256SUMS.txt"


@dataclass(frozen=True)
class HandoverFile:
    name: str
    purpose: str  # Swedish: what the file is for
    sha256: str
    size: int


@dataclass(frozen=True)
class HandoverPackage:
    folder: Path
    zip_path: Path
    files: tuple[HandoverFile, ...]


def _safe(text: str) -> str:
    """A file-name part that works on Windows, macOS and Linux."""
    return re.sub(r'[\\/:*?"<>|\s]+', " ", text).strip(" .") or "Finsam"


def existing_folder(folder: str | Path) -> Path:
    """`folder` as a Path; a BookFileError when there is no such folder to write into."""
    out = Path(folder)
    if not out.is_dir():
        raise BookFileError(f"Mappen {out} finns inte.", path=str(out))
    return out


def output_folder(folder: str | Path) -> Path:
    """`folder` to write the package into, made (with its parents) when missing, as the
    README's `finsam handover BOOK --year Y -o overlamning/` expects; a BookFileError
    when a file is in the way or the folder cannot be made."""
    out = Path(folder)
    if out.exists() and not out.is_dir():
        raise BookFileError(f"{out} är en fil, inte en mapp.", path=str(out))
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BookFileError(f"Mappen {out} kunde inte skapas: {exc.strerror or exc}.", path=str(out)) from exc
    return out


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def package_name(book: Book, year_id: int) -> str:
    """'Överlämning 2025 <förbund>', with '(utkast)' while the year is open."""
    year = book.year(year_id)
    draft = "" if year.is_closed else " (utkast)"
    return _safe(f"Överlämning {year.label.replace(' – ', '–')} {book.forbund().namn}{draft}")


def make_handover(book: Book, year_id: int, out_dir: str | Path, *, name: str | None = None,
                  progress=None) -> HandoverPackage:
    """Write the package for the räkenskapsår into `out_dir` (made when missing), in a
    folder called `name` (default: package_name). Returns the folder, the zip and the
    files with their checksums. `progress` (ui/tasks.Progress) is told about each step."""
    year = book.existing_year(year_id)
    out = output_folder(out_dir)
    name = _safe(name) if name else package_name(book, year_id)
    folder, zip_path = out / name, out / f"{name}.zip"
    for p in (folder, zip_path):
        if p.exists():
            raise BookFileError(f"{p} finns redan. Flytta eller ta bort det gamla paketet först.", path=str(p))
    tmp = out / f".{name}.tmp"
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir()
    label = _safe(year.label.replace(" – ", "–"))
    if not year.is_closed:
        label += " UTKAST"   # every file of a year that is not closed says so in its name
    steps = _steps(book, year_id, label)
    try:
        files = []
        for i, (fname, purpose, write) in enumerate(steps):
            if progress is not None:
                progress.update(i, len(steps) + 1, f"Skriver {fname}")
            write(tmp / fname)
            files.append(HandoverFile(fname, purpose, sha256_of(tmp / fname), (tmp / fname).stat().st_size))
        _write_readme(tmp, book, year, files)
        tmp.rename(folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if progress is not None:
        progress.update(len(steps), len(steps) + 1, "Packar zip-filen")
    _zip(folder, zip_path)
    return HandoverPackage(folder, zip_path, tuple(files))


def _steps(book: Book, year_id: int, label: str):
    """(file name, purpose, writer) for every file of the package, in order."""
    report = build_report(book, year_id)

    def pdf(path: Path) -> None:
        render_pdf(build_document(book, year_id), path)

    def sie(path: Path) -> None:
        export_sie4(book, year_id, path)

    def xlsx(path: Path) -> None:
        write_xlsx(build_document(book, year_id, report=report, with_ledger=True), path)

    def json_file(path: Path) -> None:
        data = {**to_json(report), **annual_extras_json(book, year_id, report)}
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    def copy(path: Path) -> None:
        book.backup_to(path)

    def log(path: Path) -> None:
        path.write_text(audit_trail_text(book, year_id), encoding="utf-8")

    return [
        (f"Årsredovisning {label}.pdf", "Årsredovisningen att läsa, skriva ut och arkivera.", pdf),
        (f"Bokföring {label}.se", "Årets bokföring i SIE typ 4 (verifikationer, ingående och "
                                  "utgående balanser) för import i kommunens ekonomisystem.", sie),
        (f"Årsredovisning {label}.xlsx", "Excel-bok med resultaträkning, balansräkning, "
                                         "kassaflödesanalys, noter, huvudbok och saldobalans.", xlsx),
        (f"Rapport {label}.json", "Samma siffror som årsredovisningen i maskinläsbar form (JSON), "
                                  "med radernas id.", json_file),
        (f"Underlag {label}.csv", f"Förteckning över årets underlag (verifikation, fil, SHA-256); "
                                  f"filerna ligger i mappen Underlag {label}, namngivna efter "
                                  "verifikation.", lambda path: write_underlag_index(book, year_id, path)),
        (f"Kopia av boken {label}.finsam", "En fullständig kopia av bokföringsfilen, öppnas med "
                                           "Finsam Bokföring (SQLite-databas).", copy),
        (f"Försegling och logg {label}.txt", "Bokens händelselogg (behandlingshistorik) att läsa, med "
                                             "årets försegling och verifikationskedjans senaste länk.", log),
    ] + extra_steps(book, year_id, label)


def export_sie4(book: Book, year_id: int, path: Path) -> None:
    """The year as a SIE 4 file, through the exchange package's writer."""
    export_sie(book, book.year(year_id), path)


def _write_readme(folder: Path, book: Book, year, files: list[HandoverFile]) -> None:
    f = book.forbund()
    status = "stängt" if year.is_closed else "öppet (bokslutet är inte låst)"
    lines = [
        f"Överlämning av räkenskapsåret {year.label}",
        f"{f.namn}, organisationsnummer {f.orgnr}",
        f"Räkenskapsår {year.start} – {year.end}, {status}.",
        f"Paketet skapades {_date.today().isoformat()} av Finsam Bokföring.",
        "",
        "Filer i paketet:",
        "",
    ]
    for hf in files:
        lines += [hf.name, f"  {hf.purpose}", f"  Storlek {hf.size:,} byte".replace(",", " "),
                  f"  SHA-256 {hf.sha256}", ""]
    lines += [
        "Kontrollsummorna (SHA-256) visar att filerna inte har ändrats sedan paketet skapades.",
        f"Filen {SUMS_NAME} innehåller samma summor i det format som programmet sha256sum läser:",
        f"  sha256sum -c {SUMS_NAME}",
        "I Windows PowerShell: Get-FileHash -Algorithm SHA256 <filnamn>",
        "",
    ]
    (folder / README_NAME).write_text("\r\n".join(lines), encoding="utf-8")
    (folder / SUMS_NAME).write_text("".join(f"{hf.sha256}  {hf.name}\n" for hf in files), encoding="utf-8")


def _zip(folder: Path, zip_path: Path) -> None:
    tmp = zip_path.with_name(f".{zip_path.name}.tmp")
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for p in sorted(q for q in folder.rglob("*") if q.is_file()):
                # An xlsx is a zip already: deflating it again costs time and saves nothing.
                # The same for scanned underlag (compressed images and PDFs, in their folder).
                stored = zipfile.ZIP_STORED if p.suffix.lower() == ".xlsx" or p.parent != folder else None
                zf.write(p, f"{folder.name}/{p.relative_to(folder).as_posix()}", compress_type=stored)
        tmp.replace(zip_path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def verify_package(folder: str | Path) -> list[str]:
    """The names of the files whose SHA-256 no longer matches SHA256SUMS.txt (or that are
    missing). An empty list: the package is intact."""
    folder = Path(folder)
    bad = []
    for line in (folder / SUMS_NAME).read_text(encoding="utf-8").splitlines():
        digest, _, name = line.partition("  ")
        p = folder / name
        if not p.exists() or sha256_of(p) != digest:
            bad.append(name)
    return bad


def audit_trail_text(book: Book, year_id: int) -> str:
    """The audit log as text, with the year's seal and the chain's head: what the
    handover package carries so that the book copy in it can be checked against it."""
    year = book.year(year_id)
    seal = book.year_seals().get(year_id)
    head_id, head = book.chain_head()
    lines = [f"Händelselogg för {book.forbund().namn}, räkenskapsår {year.label}",
             f"Försegling av {year.label}: {seal}" if seal else f"Räkenskapsåret {year.label} är inte förseglat "
             "(det är inte stängt).",
             f"Verifikationskedjans senaste länk (verifikation id {head_id}): {head}",
             "Kontrollera kopian av boken med: finsam verify BOK", ""]
    for e in book.audit_log():
        detail = json.dumps(e["detail"], ensure_ascii=False, sort_keys=True)
        lines.append(f"{e['id']:>6}  {e['at']}  {e['action']:<22} {detail}")
    return "\r\n".join(lines) + "\r\n"
