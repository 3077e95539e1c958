"""Writing the program's output files so that nothing is ever half-written."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from .errors import FinsamError, os_reason


def write_atomically(target: Path, data: bytes, failure: str, *, error: type[FinsamError] = FinsamError) -> None:
    """Write `data` to `target` through a hidden temporary file beside it and a rename, so
    a reader sees the old file or the whole new one. On failure the temporary file is
    removed and `error` is raised with `failure` (a Swedish sentence with a `{reason}`
    placeholder for why the system refused)."""
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):  # the tidy-up may fail for the same reason
            tmp.unlink(missing_ok=True)
        # replace, not format: a file name may itself contain braces
        raise error(failure.replace("{reason}", os_reason(exc)), path=str(target)) from exc
