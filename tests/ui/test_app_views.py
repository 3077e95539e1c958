"""`finsam-desktop --screenshot --view` knows every page of the window."""

from __future__ import annotations

from finsam_desktop.ui.app import VIEWS
from finsam_desktop.ui.pages import PAGE_KEYS


def test_every_page_can_be_rendered_by_name():
    assert set(PAGE_KEYS) <= set(VIEWS)
