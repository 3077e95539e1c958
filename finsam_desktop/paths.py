"""Where the program's own files live.

The repository keeps them in the top-level resources/ folder; the wheel carries that
folder as the package ``finsam_desktop.resources`` (pyproject.toml maps it), and the
PyInstaller bundle puts it under ``sys._MEIPASS``. Every access to a resource goes
through `resource(...)`, which finds the folder in all three:

1. a frozen bundle: ``<sys._MEIPASS>/resources``;
2. an installed wheel: ``finsam_desktop/resources`` (package data, located with
   ``importlib.resources``);
3. a checkout (also an editable install): ``resources/`` beside the package.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from importlib import resources as _resources
from pathlib import Path

_MARKER = "kontoplan.csv"  # every copy of the resources has it


def _candidates() -> list[Path]:
    found: list[Path] = []
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        found.append(Path(frozen) / "resources")
    # Package data: a real folder when installed from the wheel (the program is never
    # installed zipped, and fonts and icons are handed to reportlab and Qt as paths).
    packaged = _resources.files(__package__ or "finsam_desktop").joinpath("resources")
    if isinstance(packaged, Path):
        found.append(packaged)
    found.append(Path(__file__).resolve().parent.parent / "resources")
    return found


@cache
def resources_dir() -> Path:
    """The folder holding kontoplan.csv, the fonts and the icons."""
    candidates = _candidates()
    for folder in candidates:
        if (folder / _MARKER).is_file():
            return folder
    raise FileNotFoundError("Programmets resursfiler saknas (sökte i "
                            + ", ".join(str(c) for c in candidates)
                            + "). Installera om programmet.")


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def data_dir() -> Path:
    """The user's data folder for the program (backups, the demo book): FINSAM_DATA_DIR
    when set, otherwise the platform's place for application data."""
    env = os.environ.get("FINSAM_DATA_DIR")
    if env:
        return Path(env)
    if sys.platform.startswith("win"):
        return Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming") / "Finsam"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "Finsam"
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "finsam"
