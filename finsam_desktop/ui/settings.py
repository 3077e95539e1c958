"""What the program remembers between runs (QSettings): window geometry, recent books
and the last open book. Tests point ORGANIZATION and the settings folder elsewhere."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "Finsam"
APPLICATION = "Finsam Bokföring"
MAX_RECENT = 8


def settings() -> QSettings:
    """The program's settings store (an ini file in the user's settings folder)."""
    return QSettings(QSettings.IniFormat, QSettings.UserScope, ORGANIZATION, APPLICATION)


def use_folder(folder: str | Path, organization: str = "FinsamTest") -> None:
    """Keep settings in `folder` under `organization` (tests: never touch the user's own)."""
    global ORGANIZATION
    ORGANIZATION = organization
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(folder))


def recent_books() -> list[str]:
    value = settings().value("recent_books", [])
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in (value or []) if v]


def add_recent_book(path: str | Path) -> list[str]:
    """Put `path` first among the recent books (at most MAX_RECENT) and remember it as
    the last open book."""
    p = str(Path(path).resolve())
    items = [p] + [x for x in recent_books() if x != p]
    s = settings()
    s.setValue("recent_books", items[:MAX_RECENT])
    s.setValue("last_book", p)
    return items[:MAX_RECENT]


def remove_recent_book(path: str) -> None:
    s = settings()
    s.setValue("recent_books", [x for x in recent_books() if x != path])
    if s.value("last_book") == path:
        s.remove("last_book")


def last_book() -> str | None:
    v = settings().value("last_book")
    return str(v) if v else None


def save_geometry(geometry: QByteArray, state: QByteArray) -> None:
    s = settings()
    s.setValue("window/geometry", geometry)
    s.setValue("window/state", state)


def geometry() -> tuple[QByteArray | None, QByteArray | None]:
    s = settings()
    return s.value("window/geometry"), s.value("window/state")
