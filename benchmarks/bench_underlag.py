"""A book with 5 000 underlag (about 500 MB) against the same book without them:
opening, listing and exporting must not get slower, because the bytes live in the
companion file (`<book>.finsam-underlag`) and the book holds only the links.

    python benchmarks/bench_underlag.py [--files 5000] [--kb 100] [--dir DIR] [--runs 5]

Builds the demo book twice (the second gets FILES generated PDF-headed files of about
KB kilobytes each, spread over the 2025 verifikationer), then times, N times each and
prints the median: open (Book.open + the verifikationslista's first page + the
saldobalans), the list of the year's underlag, SIE 4 export, a backup copy of the book
(backup_to), and, for the underlag file alone, the first and the incremental copy
(copy_new_blobs) and extracting every file named by verifikation.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from finsam_desktop.book import Book, VoucherFilter
from finsam_desktop.book import underlag as store
from finsam_desktop.demo import build_demo
from finsam_desktop.exchange.sie_writer import export_sie
from finsam_desktop.ops import underlag as ops


def _median(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def _attach_many(book: Book, files: int, kb: int) -> None:
    y = book.year_by_label("2025")
    vids = [v.id for v in book.list_vouchers(VoucherFilter(year_id=y.id), offset=0, limit=10_000)]
    batch: list[tuple[int, ops.UnderlagFile]] = []
    for i in range(files):
        data = b"%PDF-1.4\n" + os.urandom(kb * 1024 - 9)  # random: nothing to compress, like a scan
        batch.append((vids[i % len(vids)], ops.UnderlagFile(f"skanning-{i:05d}.pdf", "application/pdf", data)))
        if len(batch) == 250 or i == files - 1:
            digests = store.store_of(book).put_many([f.data for _v, f in batch])
            with book.transaction():
                for (vid, f), d in zip(batch, digests):
                    store.insert_link(book, voucher_id=vid, draft_id=None, sha256=d, file_name=f.name,
                                      mime=f.mime, size=len(f.data))
            batch.clear()


def measure(path: Path, runs: int, work: Path) -> dict:
    out: dict = {"book_mb": path.stat().st_size / 1e6,
                 "underlag_mb": (store.companion_path(path).stat().st_size / 1e6
                                 if store.companion_path(path).exists() else 0.0)}

    def open_and_list():
        with Book.open(path) as b:
            y = b.year_by_label("2025")
            b.list_vouchers(VoucherFilter(year_id=y.id), offset=0, limit=100)
            b.trial_balance(y.id)

    out["open"] = _median(open_and_list, runs)
    with Book.open(path) as b:
        y = b.year_by_label("2025")
        out["list_underlag"] = _median(lambda: ops.list_attachments(b, year_id=y.id), runs)
        out["n_underlag"] = len(ops.list_attachments(b, year_id=y.id))
        sie = work / "ut.se"

        def sie_export():
            sie.unlink(missing_ok=True)
            export_sie(b, y, sie)
        out["sie_export"] = _median(sie_export, runs)
        copy = work / "kopia.finsam"

        def backup():
            copy.unlink(missing_ok=True)
            b.backup_to(copy)
        out["backup_book"] = _median(backup, runs)
        if out["n_underlag"]:
            target = work / "backup.finsam-underlag"
            t = time.perf_counter()
            out["first_copy_blobs"] = ops.backup_underlag(b, target)
            out["first_copy"] = time.perf_counter() - t
            out["incremental_copy"] = _median(lambda: ops.backup_underlag(b, target), runs)
            ex = work / "extract"
            ex.mkdir()
            t = time.perf_counter()
            ops.export_attachments(b, ex, year_id=y.id)
            out["extract"] = time.perf_counter() - t
            shutil.rmtree(ex)
            target.unlink()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=5000)
    ap.add_argument("--kb", type=int, default=100)
    ap.add_argument("--dir", default=None)
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    root = Path(tempfile.mkdtemp(prefix="finsam-underlag-", dir=a.dir))
    try:
        plain, heavy = root / "utan.finsam", root / "med.finsam"
        build_demo(plain).close()
        b = build_demo(heavy)
        t = time.perf_counter()
        _attach_many(b, a.files, a.kb)
        b.close()
        print(f"{a.files} underlag à {a.kb} kB bifogade på {time.perf_counter() - t:.1f} s; "
              f"load {os.getloadavg()[0]:.2f}")
        rows = []
        for label, p in (("demoboken", plain), (f"+ {a.files} underlag", heavy)):
            work = root / f"work-{p.stem}"
            work.mkdir()
            rows.append((label, measure(p, a.runs, work)))
        keys = [("book_mb", "bokfil (MB)", "{:.1f}"), ("underlag_mb", "underlagsfil (MB)", "{:.0f}"),
                ("n_underlag", "underlag 2025", "{}"), ("open", "öppna + lista + saldobalans (s)", "{:.3f}"),
                ("list_underlag", "lista årets underlag (s)", "{:.3f}"), ("sie_export", "SIE 4-export (s)", "{:.3f}"),
                ("backup_book", "kopia av bokfilen (s)", "{:.3f}"), ("first_copy", "första kopian av underlagen (s)", "{:.2f}"),
                ("incremental_copy", "nästa kopia, inget nytt (s)", "{:.3f}"), ("extract", "skriv ut alla som filer (s)", "{:.2f}")]
        print(f"{'':36}" + "".join(f"{lab:>22}" for lab, _ in rows))
        for k, name, fmt in keys:
            print(f"{name:36}" + "".join(f"{(fmt.format(r[k]) if k in r else '–'):>22}" for _l, r in rows))
        print(f"load {os.getloadavg()[0]:.2f}")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
