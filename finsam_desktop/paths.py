"""Where the program's own files live (resources/ beside the package)."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    """The resources/ folder: next to the package in a checkout, inside the bundle when frozen."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


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
