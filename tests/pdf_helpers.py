"""Shared set-up for the PDF tests: the demo book and the text of a PDF's pages."""

from __future__ import annotations

import io

import pypdf
import pytest

from finsam_desktop.demo import build_demo


def pages_text(data: bytes) -> list[str]:
    """The extracted text of each page of the PDF `data`."""
    return [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages]


@pytest.fixture(scope="module", name="demo")
def demo_book(tmp_path_factory):
    """`demo` in the tests that import it: the demo book, one per test module."""
    book = build_demo(tmp_path_factory.mktemp("demo") / "demo.finsam")
    yield book
    book.close()
