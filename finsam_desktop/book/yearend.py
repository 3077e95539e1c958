"""Book methods for this feature (SQL lives in book/ only)."""

from __future__ import annotations


class YearEndMixin:
    pass
