"""Shared test set-up: Qt offscreen, a fresh empty book, the path to shared test data."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from finsam_desktop.book import Book  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
# Real SIE files and the Kramfors report live beside the repository, not in it.
SHARED = REPO.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A file from the shared test data; the test is skipped when it is absent."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"shared test data missing: {'/'.join(parts)}")
    return p


VALID_ORGNR = "222000-1354"  # a real-form orgnr with a correct check digit


@pytest.fixture
def book(tmp_path) -> Book:
    """A new book for 2021 with the default chart of accounts."""
    b = Book.create(tmp_path / "test.finsam", namn="Testförbundet", orgnr=VALID_ORGNR,
                    year_start="2021-01-01", year_end="2021-12-31")
    yield b
    b.close()
