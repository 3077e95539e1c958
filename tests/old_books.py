"""Books as an earlier version of the program wrote them: the schema up to a given
migration, for tests of what a migration does to an existing book."""

from __future__ import annotations

from contextlib import contextmanager
from unittest import mock

from finsam_desktop.book import core


@contextmanager
def schema_at(version: int):
    """Within the block, books are created (and opened) with MIGRATIONS[:version] only,
    as the program of that version did."""
    with mock.patch.object(core, "SCHEMA_VERSION", version):
        yield
