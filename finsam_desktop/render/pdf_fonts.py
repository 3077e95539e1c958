"""The embedded TrueType fonts of the PDF (DejaVu, shipped in resources/fonts/).

Registered once per process: reading a TrueType file costs tens of milliseconds, and
reportlab keeps registered fonts for the life of the process. Only the glyphs a
document uses are embedded (as a FontFile2 subset), so every Swedish character prints
the same in every PDF viewer.
"""

from __future__ import annotations

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ..errors import FinsamError
from ..paths import resource

SANS = "FinsamSans"
SANS_BOLD = "FinsamSans-Bold"
SERIF = "FinsamSerif"
SERIF_ITALIC = "FinsamSerif-Italic"

FONT_FILES = {
    SANS: "DejaVuSansCondensed.ttf",
    SANS_BOLD: "DejaVuSansCondensed-Bold.ttf",
    SERIF: "DejaVuSerifCondensed.ttf",
    SERIF_ITALIC: "DejaVuSerifCondensed-Italic.ttf",
}

_registered = False


def register_fonts() -> None:
    """Register the program's fonts with reportlab (idempotent).

    Raises a FinsamError naming the file when a font is missing from the installation.
    """
    global _registered
    if _registered:
        return
    for name, filename in FONT_FILES.items():
        path = resource("fonts", filename)
        if not path.exists():
            raise FinsamError(f"Typsnittet {filename} saknas i programmets resurser ({path.parent}); "
                              "installera om programmet.", path=str(path))
        pdfmetrics.registerFont(TTFont(name, str(path)))
    # <b> and <i> inside a paragraph pick the right face of the family.
    addMapping(SANS, 0, 0, SANS)
    addMapping(SANS, 1, 0, SANS_BOLD)
    addMapping(SANS, 0, 1, SERIF_ITALIC)
    addMapping(SANS, 1, 1, SANS_BOLD)
    addMapping(SERIF, 0, 0, SERIF)
    addMapping(SERIF, 1, 0, SANS_BOLD)
    addMapping(SERIF, 0, 1, SERIF_ITALIC)
    addMapping(SERIF, 1, 1, SANS_BOLD)
    _registered = True
