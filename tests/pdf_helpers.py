"""Shared set-up for the PDF tests: the demo book and the text of a PDF's pages."""

from __future__ import annotations

import io
import re

import pdfplumber
import pypdf
import pytest

from finsam_desktop.demo import build_demo
from finsam_desktop.money import format_kr

MINUS = "\u2212"


def kr(ore: int) -> str:
    """An amount as the PDF prints it (with a real minus sign)."""
    return format_kr(ore, minus=MINUS)


def pages_text(data: bytes) -> list[str]:
    """The extracted text of each page of the PDF `data`."""
    return [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages]


@pytest.fixture(scope="module", name="demo")
def demo_book(tmp_path_factory):
    """`demo` in the tests that import it: the demo book, one per test module."""
    book = build_demo(tmp_path_factory.mktemp("demo") / "demo.finsam")
    yield book
    book.close()


def _toc_entries(data: bytes) -> list[tuple[str, int]]:
    """(heading, page) of each line of the innehållsförteckning (page 2)."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        # Leave out the large UTKAST watermark letters.
        page = pdf.pages[1].filter(lambda o: o.get("object_type") != "char" or o.get("size", 0) < 40)
        lines = page.extract_text().splitlines()
    entries = []
    for line in lines:
        m = re.match(r"^(.*?[^ .])[ .]{3,}(\d+)$", line.strip())
        if m:
            entries.append((m.group(1), int(m.group(2))))
    return entries


def page_headed(pages: list[str], heading: str) -> int:
    """The index of the first page after the cover and the contents whose heading (in
    its first lines, after the running header) is `heading`."""
    return next(i for i, p in enumerate(pages) if i > 1 and heading in p.splitlines()[:4])
