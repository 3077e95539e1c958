"""Every speed target in one run, side by side with hledger and beancount.

    python benchmarks/run.py            # the full run (about 10 minutes once the books exist)
    python benchmarks/run.py --quick    # a smaller run (under 2 minutes once the books exist)
    python benchmarks/run.py --only report,export   # some measurements only (no RESULTS.md)

Books of 10 000, 100 000 and 1 000 000 verifikationsrader are built once through the
program's own bulk path (make_big_book.py, Book.book_vouchers) and cached in the system's
temporary folder; so is a SIE 4 file of 100 000 verifikationer (bench_sie.py), whose
import gives "the 100k book" (about 300 000 rows, one räkenskapsår).

Each measurement runs in a process of its own, so its peak memory (the maximum resident
set of that process, from os.wait4) is its own. Whole-process figures (`finsam ...`)
include the interpreter's start and every import, as a user meets them. Times are the
median over repeated runs with the fastest and slowest run beside it.

The same 100k ledger is also written as an hledger journal and a beancount file and timed
with `hledger bal`, `hledger is` and beancount's loader, when those are installed; the
ratios say how many times longer the other program takes.

The table goes to benchmarks/RESULTS.md (full run only, unless --results is given).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

PY = sys.executable
# As installed: Python's bytecode is written and used (pip compiles a package when it
# installs it), whatever this shell's PYTHONDONTWRITEBYTECODE says.
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
       "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
CACHE = Path(tempfile.gettempdir())
SIE_VOUCHERS = 100_000


# ---------------------------------------------------------------------- measuring
@dataclass
class Result:
    key: str
    label: str
    times: list[float] = field(default_factory=list)   # seconds
    peaks: list[float] = field(default_factory=list)   # MB
    target: float | None = None                        # seconds
    mem_target: float | None = None                    # MB
    note: str = ""
    stat: str = "median"                               # or "p99"
    skipped: str = ""

    @property
    def value(self) -> float | None:
        if not self.times:
            return None
        if self.stat == "p99":
            s = sorted(self.times)
            return s[min(len(s) - 1, int(round(0.99 * (len(s) - 1))))]
        return statistics.median(self.times)

    @property
    def peak(self) -> float | None:
        return max(self.peaks) if self.peaks else None

    @property
    def met(self) -> bool | None:
        if self.value is None or (self.target is None and self.mem_target is None):
            return None
        ok = self.target is None or self.value <= self.target
        if self.mem_target is not None and self.peak is not None:
            ok = ok and self.peak <= self.mem_target
        return ok


# Peak memory per command: Linux counts a child's maximum resident set from the moment it
# is forked, so a child of a big process inherits that process's size as its peak. Every
# command is therefore started by a small helper process that is itself started before
# this one has grown, and that reports each command's resource usage from os.wait4.
SPAWNER = r"""
import json, os, subprocess, sys, time
for line in sys.stdin:
    job = json.loads(line)
    with open(job["out"], "wb") as out, open(job["err"], "wb") as err:
        t = time.perf_counter()
        p = subprocess.Popen(job["cmd"], stdout=out, stderr=err, env=job["env"], cwd=job["cwd"])
        _pid, status, usage = os.wait4(p.pid, 0)
        elapsed = time.perf_counter() - t
    print(json.dumps([elapsed, usage.ru_maxrss, os.waitstatus_to_exitcode(status)]), flush=True)
"""
_spawner: subprocess.Popen | None = None


def run_process(cmd: list[str], *, cwd: Path | None = None) -> tuple[float, float, str]:
    """Run `cmd` to its end: (wall seconds, peak resident MB of the process and the children
    it waited for, its standard output). A failing command stops the harness."""
    global _spawner
    if _spawner is None:
        _spawner = subprocess.Popen([PY, "-c", SPAWNER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                    text=True, env=ENV)
    with tempfile.TemporaryDirectory(prefix="finsam-run-") as tmp:
        out, err = Path(tmp) / "out", Path(tmp) / "err"
        _spawner.stdin.write(json.dumps({"cmd": [str(c) for c in cmd], "env": ENV, "cwd": str(cwd or ROOT),
                                         "out": str(out), "err": str(err)}) + "\n")
        _spawner.stdin.flush()
        elapsed, maxrss_kb, code = json.loads(_spawner.stdout.readline())
        if code != 0:
            raise RuntimeError(f"{' '.join(map(str, cmd))} gav slutkod {code}:\n"
                               f"{err.read_text('utf-8', 'replace')[-2000:]}")
        return elapsed, maxrss_kb / 1024, out.read_text("utf-8", "replace")


def repeat(result: Result, runs: int, cmd_for_run, before=None) -> Result:
    """Time a whole process `runs` times (`cmd_for_run(i)` gives the command of run i;
    `before(i)` prepares it outside the timing)."""
    for i in range(runs):
        if before:
            before(i)
        secs, peak, _ = run_process(cmd_for_run(i))
        result.times.append(secs)
        result.peaks.append(peak)
    return result


def child(mode: str, *args: str) -> tuple[dict, float]:
    """Run one of this file's in-process measurements in a fresh process: its JSON and peak MB."""
    _secs, peak, text = run_process([PY, str(Path(__file__)), "--child", mode, *args])
    return json.loads(text.strip().splitlines()[-1]), peak


def finsam(*args: str) -> list[str]:
    return [PY, "-m", "finsam_desktop", *args]


# ---------------------------------------------------------------------- the books
def row_book(rows: int, log) -> Path:
    from make_big_book import default_path, make_big_book
    t = time.perf_counter()
    existed = default_path(rows, 2).exists()
    path = make_big_book(rows=rows, years=2)
    if not existed or time.perf_counter() - t > 5:
        log(f"bok med {rows:,} rader byggd på {time.perf_counter() - t:.1f} s".replace(",", " "))
    return path


def sie_file(log) -> Path:
    from bench_sie import generate
    path = CACHE / f"finsam-bench-{SIE_VOUCHERS}.se"
    if not path.exists():
        t = time.perf_counter()
        generate(path, SIE_VOUCHERS)
        log(f"SIE-fil med {SIE_VOUCHERS:,} verifikationer skriven på {time.perf_counter() - t:.1f} s"
            .replace(",", " "))
    return path


def book_rows(path: Path) -> int:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute("SELECT count(*) FROM voucher_row").fetchone()[0]
    finally:
        con.close()


def remove_book(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(path) + suffix).unlink(missing_ok=True)


# ---------------------------------------------------------------------- other ledgers
def _kind(acc: int) -> tuple[str, str]:
    """(hledger, beancount) top-level account of a BAS account number."""
    if acc < 2000:
        return "assets", "Assets"
    if acc < 2100:
        return "equity", "Equity"
    if acc < 3000:
        return "liabilities", "Liabilities"
    if acc < 4000:
        return "revenues", "Income"
    return "expenses", "Expenses"


def write_other_ledgers(book_path: Path, journal: Path, bean: Path) -> int:
    """The book's last year as an hledger journal and a beancount file (ingående balanser
    as an opening transaction, the insats as a tag/metadata); returns the postings."""
    from finsam_desktop.book import Book
    with Book.open(book_path, read_only=True) as b:
        year = [y for y in b.years() if not y.is_closed][-1]
        accounts = {a.number: a.name for a in b.accounts()}
        by_key = b.opening_balances(year.id)
        vouchers = list(b.iter_year_vouchers(year.id))
    opening: dict[int, int] = {}
    for (acc, _project), ore in by_key.items():
        opening[acc] = opening.get(acc, 0) + ore
    opening = {acc: ore for acc, ore in opening.items() if ore}

    def amt(ore: int) -> str:
        return f"{'-' if ore < 0 else ''}{abs(ore) // 100}.{abs(ore) % 100:02d}"

    n = 0
    with open(journal, "w", encoding="utf-8") as hj, open(bean, "w", encoding="utf-8") as bc:
        bc.write('option "title" "Finsam benchmark"\noption "operating_currency" "SEK"\n\n')
        for acc in sorted(accounts):
            bc.write(f"{year.start} open {_kind(acc)[1]}:K{acc}\n")
            hj.write(f"account {_kind(acc)[0]}:{acc}  ; {accounts[acc]}\n")
        bc.write(f"{year.start} open Equity:Opening\n\n")
        hj.write("\n")
        if opening:
            hj.write(f"{year.start} Ingående balanser\n")
            bc.write(f'{year.start} * "Ingående balanser"\n')
            for acc, ore in sorted(opening.items()):
                hj.write(f"    {_kind(acc)[0]}:{acc}  {amt(ore)} SEK\n")
                bc.write(f"  {_kind(acc)[1]}:K{acc}  {amt(ore)} SEK\n")
            hj.write("\n")
            bc.write("\n")
        for series, number, date, text, _booked, rows in vouchers:
            clean = text.replace('"', "'")
            hj.write(f"{date} ({series}{number}) {text}\n")
            bc.write(f'{date} * "{series}{number} {clean}"\n')
            for acc, ore, code, _t, *_rest in rows:
                h, k = _kind(acc)
                if code:
                    hj.write(f"    {h}:{acc}  {amt(ore)} SEK  ; insats:{code}\n")
                    bc.write(f'  {k}:K{acc}  {amt(ore)} SEK\n    insats: "{code}"\n')
                else:
                    hj.write(f"    {h}:{acc}  {amt(ore)} SEK\n")
                    bc.write(f"  {k}:K{acc}  {amt(ore)} SEK\n")
                n += 1
            hj.write("\n")
            bc.write("\n")
    return n


BEANCOUNT_LOAD = r"""
import sys
from beancount import loader
entries, errors, options = loader.load_file(sys.argv[1])
if errors:
    print(len(errors), "errors; first:", errors[0], file=sys.stderr)
    sys.exit(1)
print(len(entries))
"""


def beancount_available() -> bool:
    return subprocess.run([PY, "-c", "import beancount.loader"], capture_output=True).returncode == 0


# ---------------------------------------------------------------------- in-process children
COLD_START = r"""
import sys, time, os
t0 = float(sys.argv[1])
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtWidgets import QApplication
from finsam_desktop.ui import settings
settings.use_folder(sys.argv[3], organization="FinsamBench")
from finsam_desktop.ui.app import apply_style
from finsam_desktop.ui.main_window import MainWindow
app = QApplication([])
apply_style(app)
w = MainWindow()
w.resize(1280, 800)
w.show()
if sys.argv[2]:
    w.open_book(sys.argv[2], read_only=True)
    w.show_page("verifikationer")
for _ in range(3):
    app.processEvents()
w.grab()
print(time.time() - t0)
"""


def _child_booking(book: str, n: str) -> dict:
    """Book `n` verifikationer one at a time, each its own transaction, on a copy."""
    from finsam_desktop.book import Book
    work = Path(tempfile.mkdtemp(prefix="finsam-bench-"))
    try:
        with Book.open(book, read_only=True) as src:
            src.backup_to(work / "b.finsam")
        times = []
        with Book.open(work / "b.finsam") as b:
            year = [y for y in b.years() if not y.is_closed][-1]
            p = b.projects()[0]
            day = year.start[:4] + "-06-15"
            rows = [(4530, 12_345_00, p.id), (1640, 1_000_00), (2440, -13_345_00)]
            for _ in range(int(n)):
                t = time.perf_counter()
                b.book_voucher(day, "Faktura insats", rows)
                times.append(time.perf_counter() - t)
        return {"times": times}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _child_views(book: str, settings_dir: str) -> dict:
    """Open the book in the main window: until the verifikationslista is painted, then the
    huvudbok of the bank account (the year's biggest) until it is painted."""
    from PySide6.QtWidgets import QApplication

    from finsam_desktop.ui import settings
    settings.use_folder(settings_dir, organization="FinsamBench")
    from finsam_desktop.ui.app import apply_style
    from finsam_desktop.ui.main_window import MainWindow
    app = QApplication([])
    apply_style(app)
    w = MainWindow()
    w.resize(1280, 800)
    w.show()
    app.processEvents()

    def settle(widget):
        app.processEvents()
        target = widget.viewport() if hasattr(widget, "viewport") else widget
        target.grab()

    t = time.perf_counter()
    w.open_book(book, read_only=True)
    view = w.show_page("verifikationer")
    settle(view.table)
    t_list = time.perf_counter() - t
    t = time.perf_counter()
    ledger = w.show_page("huvudbok")
    ledger.set_account(1930)
    settle(ledger.table)
    t_ledger = time.perf_counter() - t
    out = {"list": t_list, "ledger": t_ledger, "list_rows": view.model.rowCount(),
           "ledger_rows": ledger.model.rowCount()}
    w.close()
    return out


def _child_export(book: str, out: str) -> dict:
    """SIE export of the book's last open year inside one process (without start-up)."""
    from finsam_desktop.book import Book
    from finsam_desktop.exchange.sie_writer import export_sie
    with Book.open(book, read_only=True) as b:
        year = [y for y in b.years() if not y.is_closed][-1]
        t = time.perf_counter()
        export_sie(b, year, out)
        return {"time": time.perf_counter() - t}


CHILDREN = {"booking": _child_booking, "views": _child_views, "export": _child_export}


# ---------------------------------------------------------------------- what limits each figure
# From profiles (cProfile, python -X importtime) of the code these figures measure; keep
# them true when the code changes. Keyed by the start of a Result's key.
LIMITS = {
    "import": "Inserting 300 000 rows and 100 000 heads through the triggers and indexes that enforce "
              "the rules (~2 s; ~1.3 s of it the indexes, the balance_day triggers ~0.4 s), the hash "
              "chain over every verifikation written before the commit (~1.2 s: canonical JSON and "
              "SHA-256 per verifikation, the rows read back once), reading the file ~0.8 s, planning "
              "~0.15 s. Peak memory is mostly the parsed file (~130 MB for 300 000 #TRANS). Below 3 s "
              "would take the chain computed from the planned vouchers instead of read back, and a "
              "bulk path that keeps balance_day with one grouped statement per import.",
    "report": "The start of the process: the interpreter (~20 ms) and importing book/ and reports/ "
              "(~60 ms, grown with the årsredovisning's added parts: goals, verksamhet, "
              "mellanhavanden); the report itself reads the daily balances (balance_day), not the "
              "rows, so it grows slowly with the book.",
    "startup": "Interpreter start and argparse for every command module (all are imported for "
               "the help text).",
    "export": "The full check of the book file that every export runs first (integrity_check, the "
              "chain and the seals: ~1.2 s on 100k verifikationer), then reading the year's heads and "
              "rows (~0.4 s) and formatting 400 000 records with #KSUMMA (~0.4 s). The export itself "
              "(the row below) meets the target; the check is the price of never exporting an altered "
              "book.",
    "booking": "One SQLite transaction with its triggers, the chain link of the new verifikation and "
               "the WAL commit with synchronous=FULL (an fsync per commit: its cost is the disk's; "
               "here a fraction of a millisecond, on some disks a few); the slow tail is the commits "
               "that also checkpoint the write-ahead log into the book.",
    "cold": "Importing PySide6, loading Qt's Swedish translation and building the main window with "
            "its pages; with a book, the quick check of the file at opening (below).",
    "view": "The quick check of the book file that the desktop runs at every opening (quick_check "
            "reads the whole file: ~0.2 s warm, ~0.4 s cold on the 1M-row book; the rest is "
            "milliseconds), then the paged models: the list reads its count and the visible page only. "
            "Without the check the list is painted in ~0.08 s; a förbund's real book (a few thousand "
            "rows a year) opens in milliseconds.",
    "handover": "The full check of the book file first (~8–12 s on 1M rows: integrity_check, "
                "the chains and the seals), the huvudbok sheet (~500 000 lines, ~4.5 s), the SIE export "
                "of the year and zipping the folder. Peak memory is the SIE file, built whole in "
                "memory before it is written.",
}


# ---------------------------------------------------------------------- the run
def machine() -> list[str]:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    import PySide6
    return [f"{cpu}, {os.cpu_count()} logical cores{mem}",
            f"{platform.system()} {platform.release()}, {platform.python_implementation()} "
            f"{platform.python_version()}, SQLite {sqlite3.sqlite_version}, PySide6 {PySide6.__version__}"]


def load() -> str:
    try:
        return ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def commit() -> str:
    r = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT)
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], capture_output=True,
                           text=True, cwd=ROOT).stdout.strip()
    return (r.stdout.strip() or "?") + (" with local changes" if dirty else "")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="fewer runs, the 100k-row book instead of 1M")
    ap.add_argument("--only", help="comma-separated: import,report,export,booking,coldstart,views,"
                                   "handover,scale,others")
    ap.add_argument("--results", help="where the table is written (default benchmarks/RESULTS.md on a "
                                      "full run, nowhere otherwise)")
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.child:
        print(json.dumps(CHILDREN[a.child[0]](*a.child[1:])))
        return 0

    only = set(a.only.split(",")) if a.only else None
    want = (lambda k: only is None or k in only)
    quick = a.quick
    started = time.perf_counter()
    load_before = load()
    run_process([PY, "-c", "pass"])  # starts the spawner while this process is small
    run_process([PY, "-m", "compileall", "-q", str(ROOT / "finsam_desktop")])

    def log(msg: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f} s] {msg}", flush=True)

    results: list[Result] = []
    notes: list[str] = []
    work = Path(tempfile.mkdtemp(prefix="finsam-run-"))
    # The program's own data (backups of the books it closes, settings) goes to the run's
    # folder, not the user's.
    ENV["FINSAM_DATA_DIR"] = os.environ["FINSAM_DATA_DIR"] = str(work / "data")
    settings_dir = str(work / "settings")
    big_rows = 100_000 if quick else 1_000_000
    books = {rows: row_book(rows, log) for rows in ((10_000, 100_000) if quick else
                                                    (10_000, 100_000, 1_000_000))}
    big = books[big_rows]
    big_label = f"{big_rows // 1000}k" if big_rows < 1_000_000 else "1M"
    sie = sie_file(log)
    from make_big_book import schema_tag
    # Named by the file format, so that versions of the program with different schemas
    # each keep their own book.
    k100 = CACHE / f"finsam-bench-{SIE_VOUCHERS}-imported-{schema_tag()}.finsam"
    try:
        # -- import of 100k verifikationer (whole process), leaves the 100k book
        r = Result("import", "SIE import, 100 000 verifikationer (`finsam import-sie`, whole process)",
                   target=3.0, mem_target=200)
        if want("import") or not k100.exists():
            target_book = work / "import.finsam"
            repeat(r, 1 if quick else 3, lambda i: finsam("import-sie", str(sie), "--into", str(target_book)),
                   before=lambda i: remove_book(target_book))
            remove_book(k100)
            shutil.move(target_book, k100)
            log(f"import: {r.value:.2f} s, {r.peak:.0f} MB")
        if want("import"):
            results.append(r)
        k100_rows = book_rows(k100)

        # -- the full JSON report as a whole process
        if want("report"):
            for path, label, target in ((k100, f"100k book ({k100_rows // 1000}k rows)", 0.15),
                                        (big, f"{big_label} rows", 0.5 if big_rows == 1_000_000 else None)):
                r = Result(f"report-{label}", f"`finsam report --json`, {label}, whole process", target=target)
                repeat(r, 5 if quick else 11, lambda i, p=path: finsam("report", str(p), "--json"))
                results.append(r)
                log(f"report {label}: {r.value:.3f} s, {r.peak:.0f} MB")
            r = Result("startup", "`finsam --help` (interpreter and command start, no book)")
            repeat(r, 5 if quick else 11, lambda i: finsam("--help"))
            results.append(r)
            log(f"finsam --help: {r.value:.3f} s")

        # -- SIE export of the 100k book
        if want("export"):
            r = Result("export", "SIE export, 100k book (`finsam export-sie`, whole process)", target=1.0)
            repeat(r, 3 if quick else 5, lambda i: finsam("export-sie", str(k100), "-o", str(work / f"e{i}.se")))
            results.append(r)
            inner = Result("export-inner", "SIE export, 100k book (export_sie inside the process)")
            for i in range(3 if quick else 5):
                data, peak = child("export", str(k100), str(work / f"x{i}.se"))
                inner.times.append(data["time"])
                inner.peaks.append(peak)
            results.append(inner)
            log(f"export: {r.value:.2f} s (inside: {inner.value:.2f} s)")

        # -- booking one verifikation
        if want("booking"):
            r = Result("booking", f"booking one verifikation (Book.book_voucher), {big_label}-row book, p99",
                       target=0.005, stat="p99")
            data, peak = child("booking", str(big), "100" if quick else "400")
            r.times, r.peaks = data["times"], [peak]
            r.note = f"median {statistics.median(r.times) * 1000:.2f} ms over {len(r.times)} bookings"
            results.append(r)
            log(f"booking: p99 {r.value * 1000:.2f} ms")

        # -- the desktop program
        if want("coldstart"):
            for book, label in (("", "without a book"), (str(big), f"with the {big_label}-row book, list shown")):
                r = Result(f"cold-{label}", f"desktop cold start to a shown window, {label}",
                           target=1.0 if not book else None)
                for _ in range(3 if quick else 7):
                    t0 = time.time()
                    secs, peak, text = run_process([PY, "-c", COLD_START, repr(t0), book, settings_dir])
                    r.times.append(float(text.strip().splitlines()[-1]))
                    r.peaks.append(peak)
                results.append(r)
                log(f"cold start {label}: {r.value:.2f} s")
        if want("views"):
            rl = Result("view-list", f"open the {big_label}-row book until the verifikationslista is painted",
                        target=0.3 if big_rows == 1_000_000 else None)
            rh = Result("view-ledger", f"huvudbok of 1930 over the {big_label}-row book, until painted",
                        target=0.3 if big_rows == 1_000_000 else None)
            for _ in range(3 if quick else 5):
                data, peak = child("views", str(big), settings_dir)
                rl.times.append(data["list"])
                rh.times.append(data["ledger"])
                rl.peaks.append(peak)
                rh.peaks.append(peak)
            rl.note = f"{data['list_rows']:,} verifikationer in the list".replace(",", " ")
            rh.note = f"{data['ledger_rows']:,} lines".replace(",", " ")
            results += [rl, rh]
            log(f"views: list {rl.value:.3f} s, huvudbok {rh.value:.3f} s")

        # -- the handover package
        if want("handover"):
            r = Result("handover", f"handover package of the {big_label}-row book (`finsam handover`, "
                                   f"whole process)", target=20.0 if big_rows == 1_000_000 else None,
                       mem_target=300 if big_rows == 1_000_000 else None)

            def fresh_out(i):
                d = work / f"handover{i}"
                shutil.rmtree(d, ignore_errors=True)
                d.mkdir()
            repeat(r, 1 if quick else 2, lambda i: finsam("handover", str(big), "-o", str(work / f"handover{i}")),
                   before=fresh_out)
            for i in range(len(r.times)):
                shutil.rmtree(work / f"handover{i}", ignore_errors=True)
            results.append(r)
            log(f"handover {big_label}: {r.value:.1f} s, {r.peak:.0f} MB")

        # -- scale: the report over every book size
        scale: list[tuple[str, Result]] = []
        if want("scale"):
            for rows, path in books.items():
                r = Result(f"scale-{rows}", "")
                repeat(r, 3 if quick else 5, lambda i, p=path: finsam("report", str(p), "--json"))
                scale.append((f"{rows:,}".replace(",", " "), r))
            log("scale done")

        # -- side by side
        others: list[tuple[str, Result | None, Result | None, str]] = []
        if want("others"):
            journal, bean = work / "bok.journal", work / "bok.beancount"
            postings = write_other_ledgers(k100, journal, bean)
            notes.append(f"The 100k book written as an hledger journal ({journal.stat().st_size / 1e6:.0f} MB) "
                         f"and a beancount file ({bean.stat().st_size / 1e6:.0f} MB): "
                         f"{postings:,} postings".replace(",", " ") + ", the opening balances as one "
                         "transaction, the insats as a tag (hledger) or posting metadata (beancount).")
            fin_import = next((x for x in results if x.key == "import"), None)
            fin_report = next((x for x in results if x.key.startswith("report-100k")), None)
            runs = 1 if quick else 3
            hledger = shutil.which("hledger")
            if hledger:
                version = subprocess.run([hledger, "--version"], capture_output=True, text=True).stdout.strip()
                hb = repeat(Result("hledger-bal", "hledger bal"), runs, lambda i: [hledger, "-f", str(journal), "bal"])
                hi = repeat(Result("hledger-is", "hledger is"), runs, lambda i: [hledger, "-f", str(journal), "is"])
                others.append((f"{version.split(',')[0]}: `bal`", fin_report, hb, "report --json"))
                others.append((f"{version.split(',')[0]}: `is`", fin_report, hi, "report --json"))
                log(f"hledger: bal {hb.value:.1f} s, is {hi.value:.1f} s")
            else:
                notes.append("hledger is not installed here (Debian package `hledger`): its comparison is skipped.")
            if beancount_available():
                version = subprocess.run([PY, "-c", "import beancount; print(beancount.__version__)"],
                                         capture_output=True, text=True).stdout.strip()
                bl = repeat(Result("beancount", "beancount load"), runs,
                            lambda i: [PY, "-c", BEANCOUNT_LOAD, str(bean)])
                others.append((f"beancount {version}: loader.load_file", fin_import, bl, "import-sie"))
                others.append((f"beancount {version}: loader.load_file (a report re-reads the file)",
                               fin_report, bl, "report --json"))
                log(f"beancount: load {bl.value:.1f} s")
            else:
                notes.append("beancount is not installed here (`pip install beancount`, or the `bench` extra): "
                              "its comparison is skipped.")
    finally:
        shutil.rmtree(work, ignore_errors=True)

    total = time.perf_counter() - started
    text = render(results, scale, others, notes, quick, total, load_before, load(), k100_rows, big_label)
    print(text)
    target = a.results or (None if (quick or only) else str(HERE / "RESULTS.md"))
    if target:
        Path(target).write_text(text, encoding="utf-8")
        log(f"written to {Path(target).name}")
    return 0


def _fmt(secs: float | None) -> str:
    if secs is None:
        return "–"
    return f"{secs * 1000:.1f} ms" if secs < 1 else f"{secs:.2f} s"


def render(results, scale, others, notes, quick, total, load_before, load_after, k100_rows, big_label) -> str:
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = ["# Benchmark results", "",
             f"`python benchmarks/run.py{' --quick' if quick else ''}` on {now}, commit {commit()}, "
             f"{total / 60:.1f} minutes in all.", ""]
    lines += [f"- {m}" for m in machine()]
    lines += [f"- load average (1, 5, 15 min) before: {load_before}; after: {load_after} "
              "(the machine is shared: a load above its core count slows every figure)", ""]
    lines += ["Each row is a process of its own; *peak* is that process's maximum resident memory. "
              "Time is the median of the runs (p99 for booking), *range* the fastest and slowest run.", "",
              "| what | time | range | runs | peak | target | met |", "|---|---:|---:|---:|---:|---|---|"]
    for r in results:
        tgt = []
        if r.target is not None:
            tgt.append(f"≤ {_fmt(r.target)}")
        if r.mem_target is not None:
            tgt.append(f"≤ {r.mem_target:.0f} MB")
        met = {True: "yes", False: "**no**", None: ""}[r.met]
        label = r.label + (f" ({r.note})" if r.note else "")
        rng = f"{_fmt(min(r.times))} – {_fmt(max(r.times))}" if r.times else "–"
        peak = f"{r.peak:.0f} MB" if r.peak is not None else "–"
        lines.append(f"| {label} | {_fmt(r.value)} | {rng} | {len(r.times)} | {peak} | {', '.join(tgt)} | {met} |")
    if scale:
        lines += ["", "`finsam report --json` (whole process) by book size (books from make_big_book.py, two "
                  "räkenskapsår, the report of the open one):", "",
                  "| verifikationsrader | time | range | peak |", "|---:|---:|---:|---:|"]
        for rows, r in scale:
            lines.append(f"| {rows} | {_fmt(r.value)} | {_fmt(min(r.times))} – {_fmt(max(r.times))} | {r.peak:.0f} MB |")
    if others:
        lines += ["", f"## Side by side: the 100k book ({k100_rows:,} rows) in other ledger programs"
                  .replace(",", " "), "",
                  "| program: what | its time | its peak | finsam | finsam's time | ratio |",
                  "|---|---:|---:|---|---:|---:|"]
        for label, fin, other, what in others:
            ratio = "–"
            if fin and fin.value and other.value:
                x = other.value / fin.value
                ratio = f"{x:.1f}×" if x < 10 else f"{x:.0f}×"
            lines.append(f"| {label} | {_fmt(other.value)} | {other.peak:.0f} MB | `{what}` | "
                         f"{_fmt(fin.value if fin else None)} | {ratio} |")
    lines += ["", "## What limits each figure", ""]
    shown = set()
    for r in results:
        for prefix, text in LIMITS.items():
            if r.key.startswith(prefix) and prefix not in shown:
                shown.add(prefix)
                state = {True: "met", False: "**not met**", None: "no target"}[r.met]
                lines.append(f"- *{r.label}* ({state}): {text}")
    if notes:
        lines += [""] + [f"- {n}" for n in notes]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
