"""Underlag: attaching files (PDF, JPEG, PNG) to a verifikation or an utkast, reading
them back and exporting them named by verifikation.

Every file is checked before anything is written (exists, not empty, not too large, its
content is what its extension says); one bad file attaches none. The bytes go to the
book's companion underlag file first, the links to the book in one transaction after:
a failure in between leaves at most an unreferenced blob, never a link without its file.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from ..book import Book
from ..book import underlag as store
from ..book.underlag import Attachment, KIND_NAMES, MAX_BYTES, MIME_BY_SUFFIX
from ..errors import BookFileError, InputError, RuleError
from ..files import read_input, write_atomically


@dataclass(frozen=True)
class UnderlagFile:
    """A file read and checked, ready to attach."""
    name: str
    mime: str
    data: bytes


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f}".replace(".", ",")


def check_underlag(name: str, data: bytes, *, where: str = "") -> UnderlagFile:
    """Refuse (InputError, Swedish, naming the file) an empty, oversized or mislabelled file."""
    label = where or name
    suffix = Path(name).suffix.lower()
    mime = MIME_BY_SUFFIX.get(suffix)
    if mime is None:
        raise InputError(f"{label}: filtypen ”{suffix or 'utan ändelse'}” kan inte bifogas; bifoga PDF, "
                         "JPEG eller PNG.", field="fil", path=label)
    if not data:
        raise InputError(f"{label}: filen är tom.", field="fil", path=label)
    if len(data) > MAX_BYTES:
        raise InputError(f"{label}: filen är {_mb(len(data))} MB; ett underlag får vara högst "
                         f"{_mb(MAX_BYTES)} MB. Skanna med lägre upplösning eller dela upp den.",
                         field="fil", path=label)
    actual = store.sniff_mime(data[:16])
    if actual != mime:
        what = KIND_NAMES.get(actual, "ingen PDF-, JPEG- eller PNG-fil")
        raise InputError(f"{label}: filen heter {suffix} men innehållet är {what}. "
                         "Kontrollera att det är rätt fil.", field="fil", path=label)
    return UnderlagFile(Path(name).name, mime, data)


def read_underlag(path: str | Path) -> UnderlagFile:
    p = Path(path)
    if not p.exists():
        raise InputError(f"Filen {p} finns inte.", field="fil", path=str(p))
    if p.is_dir():
        raise InputError(f"{p} är en mapp, inte en fil.", field="fil", path=str(p))
    size = p.stat().st_size
    if size > MAX_BYTES:  # refuse before reading a huge file into memory
        raise InputError(f"{p}: filen är {_mb(size)} MB; ett underlag får vara högst {_mb(MAX_BYTES)} MB. "
                         "Skanna med lägre upplösning eller dela upp den.", field="fil", path=str(p))
    return check_underlag(p.name, read_input(p, error=InputError, field="fil"), where=str(p))


def _target(book: Book, voucher_id: int | None, draft_id: int | None) -> None:
    if (voucher_id is None) == (draft_id is None):
        raise ValueError("give exactly one of voucher_id and draft_id")
    if voucher_id is not None and book.voucher(voucher_id) is None:
        raise InputError(f"Verifikationen {voucher_id} finns inte.", field="verifikation")
    if draft_id is not None and not any(d["id"] == draft_id for d in book.drafts()):
        raise InputError(f"Utkastet {draft_id} finns inte.", field="utkast")


def attach(book: Book, files: Sequence[UnderlagFile], *, voucher_id: int | None = None,
           draft_id: int | None = None) -> list[Attachment]:
    """Link checked files to a verifikation (booked: permanent) or an utkast."""
    _target(book, voucher_id, draft_id)
    if book.read_only:
        raise RuleError("Boken är öppnad skrivskyddad och kan inte ändras.")
    files = list(files)
    if not files:
        raise InputError("Ange minst en fil att bifoga.", field="fil")
    s = store.store_of(book)
    digests = s.put_many([f.data for f in files])
    with book.transaction():
        ids = [store.insert_link(book, voucher_id=voucher_id, draft_id=draft_id, sha256=d, file_name=f.name,
                                 mime=f.mime, size=len(f.data)) for f, d in zip(files, digests)]
        book.audit("underlag.attach", voucher_id=voucher_id, draft_id=draft_id,
                   files=[f"{f.name} {d}" for f, d in zip(files, digests)])
    found = store.attachments(book, voucher_id=voucher_id, draft_id=draft_id)
    return [a for a in found if a.id in ids]


def attach_files(book: Book, paths: Iterable[str | Path], *, voucher_id: int | None = None,
                 draft_id: int | None = None) -> list[Attachment]:
    """Read and check every file first; one bad file attaches none."""
    return attach(book, [read_underlag(p) for p in paths], voucher_id=voucher_id, draft_id=draft_id)


def remove_draft_attachment(book: Book, attachment_id: int) -> None:
    """Remove an underlag from an utkast (a booked verifikation's stay: the database refuses)."""
    with book.transaction():
        store.delete_draft_link(book, attachment_id)
        book.audit("underlag.remove", attachment_id=attachment_id)


def list_attachments(book: Book, *, voucher_id: int | None = None, draft_id: int | None = None,
                     year_id: int | None = None) -> list[Attachment]:
    return store.attachments(book, voucher_id=voucher_id, draft_id=draft_id, year_id=year_id)


def attachment_counts(book: Book, year_id: int) -> dict[int, int]:
    return store.attachment_counts(book, year_id)


def content(book: Book, attachment: Attachment) -> bytes:
    """The file's bytes, checked against its SHA-256."""
    return store.store_of(book).get(attachment.sha256)


def voucher_by_ref(book: Book, ref: str, year_id: int) -> int:
    """'A 12' (or 'A12') in the year -> the verifikation's id; a Swedish refusal otherwise."""
    m = re.fullmatch(r"\s*([A-Za-zÅÄÖåäö]{1,20})\s*(\d+)\s*", ref or "")
    if not m:
        raise InputError(f"”{ref}” är ingen verifikation; skriv serie och nummer, t.ex. ”A 12”.",
                         field="verifikation")
    v = book.voucher_by_ref(year_id, m.group(1).upper(), int(m.group(2)))
    if v is None:
        year = book.existing_year(year_id)
        raise InputError(f"Verifikation {m.group(1).upper()} {m.group(2)} finns inte i räkenskapsåret "
                         f"{year.label}.", field="verifikation")
    return v.id


def _safe(text: str) -> str:
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", text).strip() or "underlag"


def sortable_ref(ref: str) -> str:
    """'A 12' -> 'A 0012', so that files named by verifikation sort in number order."""
    series, _, number = ref.rpartition(" ")
    return f"{series} {int(number):04d}" if number.isdigit() else ref


def export_name(a: Attachment, year_label: str = "") -> str:
    """'2025 A 12 – faktura.pdf': the file named by its verifikation."""
    prefix = f"{year_label} {sortable_ref(a.ref)}".strip() if a.ref else f"Utkast {a.draft_id}"
    return _safe(f"{prefix} – {a.file_name}")


def export_attachments(book: Book, out_dir: str | Path, *, voucher_id: int | None = None,
                       year_id: int | None = None, index_name: str | None = "index.csv"
                       ) -> list[tuple[Path, Attachment]]:
    """Write the underlag as files named by verifikation into `out_dir` (must exist), and an
    index (verifikation, datum, fil, SHA-256, storlek) as CSV. Returns (path, attachment)."""
    out = Path(out_dir)
    if not out.is_dir():
        raise BookFileError(f"Mappen {out} finns inte.", path=str(out))
    label = book.existing_year(year_id).label if year_id is not None else ""
    found = store.attachments(book, voucher_id=voucher_id, year_id=year_id)
    written, used = [], set()
    s = store.store_of(book)
    for a in found:
        name = export_name(a, label)
        stem, suffix = Path(name).stem, Path(name).suffix
        n = 2
        while name.lower() in used:
            name, n = f"{stem} ({n}){suffix}", n + 1
        used.add(name.lower())
        target = out / name
        write_atomically(target, s.get(a.sha256), f"Underlaget {target} kunde inte skrivas: {{reason}}.",
                         error=BookFileError)
        written.append((target, a))
    if index_name:
        buf = io.StringIO()
        w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
        w.writerow(["verifikation", "datum", "fil", "originalnamn", "sha256", "byte"])
        for path, a in written:
            w.writerow([a.ref, a.date, path.name, a.file_name, a.sha256, a.size])
        write_atomically(out / index_name, buf.getvalue().encode("utf-8-sig"),
                         f"Förteckningen {out / index_name} kunde inte skrivas: {{reason}}.", error=BookFileError)
    return written


def without_underlag(book: Book, date_from: str, date_to: str) -> list[tuple[int, str, str, str]]:
    """(id, 'A 12', date, text) of the verifikationer in the period that have no underlag."""
    return store.vouchers_without_underlag(book, date_from, date_to)


def backup_underlag(book: Book, target: str | Path) -> tuple[int, int]:
    """Copy the book's underlag not yet in the underlag file `target` (blobs copied, bytes)."""
    return store.copy_new_blobs(store.companion_path(book.path), target)
