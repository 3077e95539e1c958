"""A date typed as it is written in a date box means that date (Qt's own box moves on
by itself after a full part, so the typed "-" used to skip the month: 2025-06-30 became
2025-12-06 and the period end of the accruals silently another)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate

from finsam_desktop.book import Book
from finsam_desktop.ui.accruals_form import AccrualsForm
from finsam_desktop.ui.common import DateEdit

from pdf_helpers import demo_book  # noqa: F401  (the fixture `demo`)


@pytest.fixture
def demo_copy(demo, tmp_path):
    target = tmp_path / "demo.finsam"
    demo.backup_to(target)
    with Book.open(target) as b:
        yield b


@pytest.mark.parametrize("typed, meant", [
    ("2025-06-30", "2025-06-30"), ("20250630", "2025-06-30"), ("2025-6-30", "2025-06-30"),
    ("2025-1-5", "2025-01-05"), ("2025/06/30", "2025-06-30"), ("2024-12-31", "2024-12-31")])
def test_a_typed_date_is_the_date_meant(qtbot, typed, meant):
    box = DateEdit(QDate(2025, 12, 31))
    qtbot.addWidget(box)
    box.show()
    box.setFocus()
    box.setSelectedSection(box.sectionAt(0))
    qtbot.keyClicks(box, typed)
    assert box.date().toString("yyyy-MM-dd") == meant


def test_the_accruals_period_end_takes_a_typed_date(qtbot, demo_copy):
    form = AccrualsForm(demo_copy, "2025-12-31")
    qtbot.addWidget(form)
    form.show()
    box = form.date_edit
    box.setFocus()
    box.setSelectedSection(box.sectionAt(0))
    qtbot.keyClicks(box, "2025-06-30")
    assert form.period_end == "2025-06-30"
