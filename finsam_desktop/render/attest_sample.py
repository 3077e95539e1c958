"""The internkontroll's stickprov as PDF: each picked verifikation on its own page with
its rows, who registered and attested it, and its underlag (images drawn on the page,
PDFs listed by file name and SHA-256 and written beside the report by the caller).

Takes plain data (`SampleDoc`), never the book."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from ..files import write_atomically
from ..errors import BookFileError
from .pdf_fonts import SANS, SANS_BOLD, register_fonts


@dataclass(frozen=True)
class SampleEntry:
    ref: str
    date: str
    text: str
    amount: str                       # formatted kronor
    rows: tuple[tuple[str, str, str], ...]   # (konto, benämning, belopp)
    registered_by: str
    attest: str                        # 'Anna Sjöberg 2025-03-04' or ''
    underlag: tuple[tuple[str, str, str], ...]  # (file name, sha256, exported as)
    images: tuple[bytes, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class SampleDoc:
    forbund: str
    year: str
    seed: int
    population: int
    entries: tuple[SampleEntry, ...]


def render_sample_pdf(doc: SampleDoc, path: str | Path) -> Path:
    register_fonts()
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4, invariant=1)
    w, h = A4
    c.setTitle(f"Stickprov attest och underlag {doc.year}")
    c.setFont(SANS_BOLD, 16)
    c.drawString(56, h - 72, "Internkontroll: stickprov av verifikationer")
    c.setFont(SANS, 10.5)
    y = h - 100
    for line in (doc.forbund, f"Räkenskapsår {doc.year}",
                 f"{len(doc.entries)} verifikationer valda slumpmässigt av {doc.population} "
                 f"(slumptal {doc.seed}; samma slumptal ger samma urval).", "",
                 "Granska för varje verifikation: underlaget stöder konteringen, attesten är gjord av "
                 "behörig attestant", "och före betalningen."):
        c.drawString(56, y, line)
        y -= 15
    y -= 10
    c.setFont(SANS_BOLD, 10)
    for x, t in ((56, "Verifikation"), (140, "Datum"), (210, "Text"), (440, "Attest")):
        c.drawString(x, y, t)
    c.setFont(SANS, 9.5)
    for e in doc.entries:
        y -= 14
        if y < 60:
            c.showPage()
            c.setFont(SANS, 9.5)
            y = h - 60
        c.drawString(56, y, e.ref)
        c.drawString(140, y, e.date)
        c.drawString(210, y, e.text[:44])
        c.drawString(440, y, e.attest or "EJ ATTESTERAD")
    c.showPage()
    for e in doc.entries:
        c.setFont(SANS_BOLD, 14)
        c.drawString(56, h - 60, f"Verifikation {e.ref}  {e.date}")
        c.setFont(SANS, 10)
        y = h - 82
        for line in (e.text, f"Belopp: {e.amount}", f"Registrerad av: {e.registered_by or '–'}",
                     f"Attesterad: {e.attest or 'EJ ATTESTERAD'}"):
            c.drawString(56, y, line[:100])
            y -= 14
        y -= 6
        for acc, name, amount in e.rows:
            c.drawString(56, y, acc)
            c.drawString(100, y, name[:50])
            c.drawRightString(w - 56, y, amount)
            y -= 13
        y -= 8
        c.setFont(SANS_BOLD, 10)
        c.drawString(56, y, "Underlag" if e.underlag else "Underlag saknas")
        c.setFont(SANS, 8.5)
        for fname, sha, exported in e.underlag:
            y -= 13
            c.drawString(56, y, f"{fname}  →  {exported}")
            y -= 11
            c.drawString(66, y, f"SHA-256 {sha}")
        for img in e.images:
            reader = ImageReader(io.BytesIO(img))
            iw, ih = reader.getSize()
            scale = min((w - 112) / iw, (y - 60) / ih, 1.0)
            if scale <= 0.05:
                break
            y -= ih * scale + 10
            c.drawImage(reader, 56, y, iw * scale, ih * scale)
        c.showPage()
    c.save()
    target = Path(path)
    write_atomically(target, buf.getvalue(), f"Stickprovet {target} kunde inte skrivas: {{reason}}.",
                     error=BookFileError)
    return target
