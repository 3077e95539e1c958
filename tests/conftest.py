"""Shared test set-up: Qt offscreen, a fresh empty book, the path to shared test data."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Automatic backups go to the program's data folder: a temporary one for the tests.
os.environ.setdefault("FINSAM_DATA_DIR", tempfile.mkdtemp(prefix="finsam-test-data-"))

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


def digest(path: Path) -> str:
    """SHA-256 of a file: a refused change must leave the book byte-identical."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def run_cli(capsys, *argv) -> tuple[int, str, str]:
    """Run `finsam ARGV` in-process: (exit code, stdout, stderr)."""
    from finsam_desktop.cli import main
    code = main([str(a) for a in argv])
    cap = capsys.readouterr()
    return code, cap.out, cap.err


@pytest.fixture(autouse=True)
def close_top_level_widgets():
    """Every window a test opened is closed when the test ends, so no window (a main
    window closes its book and its dialogs) lives on into the next test whatever their
    order. Closed, not deleted: Python still holds some of them, and PySide6 crashes at
    exit when such a wrapper outlives its deleted widget."""
    yield
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return
    for w in app.topLevelWidgets():
        if w.isVisible():
            w.close()


@pytest.fixture(scope="session", autouse=True)
def program_look(qapp):
    """Every test sees the program's own look (Fusion, its palette, font size and header
    padding), as `finsam-desktop` sets it: set once for the whole run, never changed
    between tests. Changing the application's style sheet re-polishes every widget still
    alive, and a widget of an earlier test being torn down then crashes Qt."""
    from finsam_desktop.ui.app import apply_style
    apply_style(qapp)
    yield


@pytest.fixture
def book(tmp_path) -> Book:
    """A new book for 2021 with the default chart of accounts."""
    b = Book.create(tmp_path / "test.finsam", namn="Testförbundet", orgnr=VALID_ORGNR,
                    year_start="2021-01-01", year_end="2021-12-31")
    yield b
    b.close()


def refused(capsys, path, *argv, match: str) -> str:
    """Run `finsam ARGV`, which must be refused: exit code 2, one Swedish line on stderr
    containing `match`, no traceback, and the file at `path` (if any) byte-identical.
    Returns that line."""
    before = digest(path) if path is not None and path.exists() else None
    code, out, err = run_cli(capsys, *argv)
    assert code == 2, (out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("finsam: "), err
    assert "Traceback" not in err
    assert match in lines[0], lines[0]
    if before is not None:
        assert digest(path) == before
    return lines[0]
