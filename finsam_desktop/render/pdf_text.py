"""Running text: the user's own texts turned into paragraphs, and thin rules."""

from __future__ import annotations

from reportlab.platypus import HRFlowable, Paragraph

from .pdf_styles import RULE, styles
from .pdf_tables import _escape

BULLETS = ("- ", "\u2013 ", "\u2022 ", "* ")


def user_text(text: str) -> list:
    """Paragraphs from text typed in the program: a blank line starts a new paragraph, a
    single line break stays a line break, lines starting with '-', '–', '•' or '*' become
    bullets. Everything is escaped: the user's text is never read as markup."""
    st = styles()
    out: list = []
    for block in _blocks(text):
        lines = block.split("\n")
        if all(l.lstrip().startswith(BULLETS) for l in lines):
            for l in lines:
                out.append(Paragraph(_escape(l.lstrip()[2:].strip()), st["bullet"], bulletText="\u2013"))
            continue
        out.append(Paragraph("<br/>".join(_escape(l.strip()) for l in lines), st["body"]))
    return out


def _blocks(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    blocks, cur = [], []
    for line in text.split("\n"):
        if line.strip():
            cur.append(line)
        elif cur:
            blocks.append("\n".join(cur))
            cur = []
    if cur:
        blocks.append("\n".join(cur))
    return blocks


def missing_text() -> Paragraph:
    """The marker a draft shows where the user has not yet written a section."""
    return Paragraph("[Text saknas]", styles()["missing"])


def rule(*, width="100%", thickness: float = 0.5, color=RULE, space_before: float = 0,
         space_after: float = 0) -> HRFlowable:
    return HRFlowable(width=width, thickness=thickness, color=color, hAlign="LEFT",
                      spaceBefore=space_before, spaceAfter=space_after)
