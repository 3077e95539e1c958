"""finsam commands (filled in by the feature that owns them)."""

from __future__ import annotations


def register(sub) -> None:
    """Add this module's subcommands to the parser."""
