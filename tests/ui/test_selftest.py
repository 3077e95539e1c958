"""`finsam-desktop --self-test`: every step passes on a working installation, and a
broken one exits 1 naming the step that failed."""

from __future__ import annotations

from pathlib import Path

from finsam_desktop import paths
from finsam_desktop.ui import selftest
from finsam_desktop.ui.pages import PAGE_KEYS

from ui_helpers import isolated_settings  # noqa: F401


def test_the_self_test_passes_every_step(qapp, isolated_settings, monkeypatch, tmp_path):
    monkeypatch.setattr(selftest.tempfile, "tempdir", str(tmp_path))
    lines: list[str] = []
    assert selftest.run_self_test(lines.append) == 0
    assert [line.split(":")[0] for line in lines[:-1]] == [
        "OK   Programfiler", "OK   Demobok", "OK   Fönstrets sidor", "OK   Årsredovisning (PDF)",
        "OK   SIE-export och återläsning"]
    assert f"{len(PAGE_KEYS)} sidor ritade" in lines[2]
    assert "248 verifikationer" in lines[4] and "stämmer" in lines[4]
    assert lines[-1] == "Självtestet gick igenom."
    assert list(tmp_path.iterdir()) == []  # the temporary folder is removed


def test_missing_fonts_fail_the_self_test_by_name(qapp, isolated_settings, monkeypatch, tmp_path):
    broken = tmp_path / "resources"
    broken.mkdir()
    (broken / "kontoplan.csv").write_bytes(paths.resource("kontoplan.csv").read_bytes())
    real = paths.resource

    def resource(*parts: str) -> Path:
        return broken.joinpath(*parts) if parts[0] == "fonts" else real(*parts)

    monkeypatch.setattr(selftest, "resource", resource)
    monkeypatch.setattr(selftest, "build_demo", lambda path: (_ for _ in ()).throw(OSError("disken är full")))
    lines: list[str] = []
    assert selftest.run_self_test(lines.append) == 1
    assert lines[0].startswith("FEL  Programfiler: FileNotFoundError: typsnitt saknas: DejaVuSansCondensed.ttf")
    assert any(line.startswith("FEL  Demobok: OSError: disken är full") for line in lines)
    assert lines[-1] == "Självtestet misslyckades: Programfiler, Demobok."
