"""Reading the files a user gives the program, with a Swedish message for each way that
can fail, and writing the program's output files so that nothing is ever half-written."""

from __future__ import annotations

import contextlib
import glob
import os
import secrets
from pathlib import Path

try:  # POSIX advisory locks; without them (Windows) the lock is not taken
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None

from .errors import FinsamError, os_reason


def read_input(path: str | Path, *, what: str = "Filen", kind: str = "en fil",
               error: type[FinsamError] = FinsamError, field: str | None = None) -> bytes:
    """The bytes of the file the user chose. A missing file, a folder or a file the
    system will not let us read raises `error` saying which: "{what} {path} finns inte.",
    "{path} är en mapp, inte {kind}.", "{what} {path} kan inte läsas: <reason>."."""
    p = Path(path)
    try:
        return p.read_bytes()
    except FileNotFoundError:
        raise error(f"{what} {p} finns inte.", field=field, path=str(p)) from None
    except IsADirectoryError:
        raise error(f"{p} är en mapp, inte {kind}.", field=field, path=str(p)) from None
    except OSError as exc:
        raise error(f"{what} {p} kan inte läsas: {os_reason(exc)}.", field=field, path=str(p)) from None


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


def unique_temp_name(target: Path, kind: str) -> Path:
    """A hidden temporary name beside `target` that no other run uses:
    `.NAME.KIND-PID-RANDOM`. Leftovers of a killed run match `leftover_temp_files`."""
    return target.with_name(f".{target.name}.{kind}-{os.getpid()}-{secrets.token_hex(4)}")


def leftover_temp_files(target: Path, kind: str) -> list[Path]:
    """Temporary files of earlier (killed) runs beside `target`, also the old fixed name
    `NAME.KIND`, with their -wal/-shm/-journal. Only call while holding `target_lock`."""
    found = sorted(target.parent.glob(f".{glob.escape(target.name)}.{kind}-*"))
    old = target.with_name(f"{target.name}.{kind}")
    found += [p for p in (old, *(Path(f"{old}{s}") for s in ("-wal", "-shm", "-journal"))) if p.exists()]
    return found


@contextlib.contextmanager
def target_lock(target: Path, error: type[FinsamError] = FinsamError):
    """Hold an exclusive lock named after `target` (a hidden `.NAME.lock` beside it) for a
    long write such as an import, so two runs never write the same target at once. The
    operating system releases it when the process ends, also when it is killed. Refuses
    (`error`, Swedish) when another run holds it."""
    lock = target.with_name(f".{target.name}.lock")
    while True:
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise error(f"Låsfilen {lock} kunde inte skapas: {os_reason(exc)}.", path=str(target)) from exc
        if fcntl is None:
            break
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise error(f"{target.name} skrivs just nu av ett annat program (en annan import pågår). "
                        "Vänta tills den är klar och försök igen.", path=str(target)) from None
        try:  # the holder before us removes the file as it lets go: lock the file that is there
            if os.stat(lock).st_ino == os.fstat(fd).st_ino:
                break
        except FileNotFoundError:
            pass
        os.close(fd)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            lock.unlink()  # still holding the lock: no one else has locked this file
        os.close(fd)


def move_into_place(tmp: Path, target: Path, error: type[FinsamError] = FinsamError) -> None:
    """Rename `tmp` to `target` without ever replacing a file another run put there in the
    meantime (a hard link fails when the target exists; then `error`, Swedish)."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        tmp.unlink(missing_ok=True)
        raise error(f"Filen {target} finns redan. Välj ett annat namn.", path=str(target)) from None
    except OSError:  # a file system without hard links
        if target.exists():
            tmp.unlink(missing_ok=True)
            raise error(f"Filen {target} finns redan. Välj ett annat namn.", path=str(target)) from None
        os.replace(tmp, target)
        return
    tmp.unlink()
