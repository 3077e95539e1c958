"""finsam_desktop/paths.py finds the resources in a checkout, a frozen bundle and an
installed wheel (the wheel itself: tests/test_wheel.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from finsam_desktop import paths

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def fresh_lookup():
    paths.resources_dir.cache_clear()
    yield
    paths.resources_dir.cache_clear()


def test_a_checkout_uses_the_top_level_resources_folder(fresh_lookup):
    assert paths.resources_dir() == REPO / "resources"
    assert paths.resource("kontoplan.csv").read_text(encoding="utf-8").startswith(
        (REPO / "resources" / "kontoplan.csv").read_text(encoding="utf-8")[:40])
    assert paths.resource("fonts", "DejaVuSansCondensed.ttf").is_file()
    assert paths.resource("icons", "finsam.svg").is_file()


def test_a_frozen_bundle_uses_the_folder_under_meipass_first(fresh_lookup, tmp_path, monkeypatch):
    (tmp_path / "resources").mkdir()
    (tmp_path / "resources" / "kontoplan.csv").write_text("konto;namn\n", encoding="utf-8")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.resources_dir() == tmp_path / "resources"
    assert paths.resource("fonts", "x.ttf") == tmp_path / "resources" / "fonts" / "x.ttf"


def test_a_bundle_without_resources_falls_back_and_missing_files_are_named(fresh_lookup, tmp_path,
                                                                           monkeypatch):
    # An empty _MEIPASS (a broken bundle) is skipped: the next copy that has the files wins.
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.resources_dir() == REPO / "resources"
    # No copy anywhere: a Swedish message naming every folder searched.
    paths.resources_dir.cache_clear()
    monkeypatch.setattr(paths, "_candidates", lambda: [tmp_path / "a", tmp_path / "b"])
    with pytest.raises(FileNotFoundError) as err:
        paths.resources_dir()
    assert "Programmets resursfiler saknas" in str(err.value)
    assert str(tmp_path / "a") in str(err.value) and str(tmp_path / "b") in str(err.value)
