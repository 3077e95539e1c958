"""The underlag in the bokslut: the kontroll "verifikation utan underlag" and the
handover's underlag folder with its index."""

from __future__ import annotations

from pathlib import Path

from ..book import Book
from ..book import underlag as store
from ..book.model import FiscalYear
from ..findings import OK, WARNING, Finding

CHECK = "underlag"
TITLE = "Verifikationer utan underlag"


def missing_underlag(book: Book, year: FiscalYear, date_to: str) -> Finding:
    """Every verifikation needs its underlag (bokföringslagen 5 kap. 6 §): a warning naming
    the first ones without any."""
    missing = store.vouchers_without_underlag(book, year.start, date_to)
    if not missing:
        return Finding(OK, "Alla verifikationer i perioden har underlag.", check=CHECK, title=TITLE,
                       fix="vouchers")
    names = ", ".join(f"{ref} ({d})" for _id, ref, d, _t in missing[:5])
    more = f" och {len(missing) - 5} till" if len(missing) > 5 else ""
    n = len(missing)
    return Finding(WARNING, f"{n} verifikation{'' if n == 1 else 'er'} i perioden saknar underlag: "
                   f"{names}{more}. Bifoga fakturan, kvittot eller beräkningen.", check=CHECK, title=TITLE,
                   fix="vouchers")


def write_underlag_index(book: Book, year_id: int, index: Path) -> int:
    """The year's underlag as files named by verifikation in the folder beside `index`
    (named like it, without .csv), and `index` itself: CSV with verifikation, datum, fil,
    originalnamn, SHA-256 and byte per file. Returns the number of files. The handover's step."""
    folder = index.with_suffix("")
    folder.mkdir(exist_ok=True)
    found = store.attachments(book, year_id=year_id)
    s = store.store_of(book) if found else None
    label = book.existing_year(year_id).label
    lines, used = ["verifikation;datum;fil;originalnamn;sha256;byte"], set()
    for a in found:
        series, _, number = a.ref.rpartition(" ")
        name = _name(f"{label} {series} {int(number):04d} – {a.file_name}")
        stem, suffix, n = Path(name).stem, Path(name).suffix, 2
        while name.lower() in used:
            name, n = f"{stem} ({n}){suffix}", n + 1
        used.add(name.lower())
        (folder / name).write_bytes(s.get(a.sha256))
        lines.append(";".join(_cell(x) for x in (a.ref, a.date, f"{folder.name}/{name}", a.file_name,
                                                 a.sha256, str(a.size))))
    index.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8-sig")
    return len(found)


def _cell(text: str) -> str:
    return f'"{text.replace(chr(34), chr(34) * 2)}"' if any(c in text for c in ';"\n') else text


def _name(text: str) -> str:
    return "".join("_" if c in '\\/:*?"<>|' or ord(c) < 32 else c for c in text).strip()
