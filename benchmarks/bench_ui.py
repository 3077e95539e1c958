"""Time the desktop program on a book of 1 000 000 verifikationsrader.

    python benchmarks/bench_ui.py [--rows N] [--steps S]

Prints: opening the book until the verifikationslista is painted (target < 1 s), the
jump to the end of the list, scrolling page by page and jumping around (time per step,
median and slowest: smooth means well under 50 ms), filtering, the huvudbok of the bank
account, and the cold start of a new process to a usable window, without a book and with
the big book (target < 2 s). Runs offscreen; the big book is built once by
make_big_book and cached under its own name (finsam-bench-ui-…), so it always carries
this version's indexes.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from make_big_book import make_big_book  # noqa: E402

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
    w.open_book(sys.argv[2])
    w.show_page("verifikationer")
for _ in range(3):
    app.processEvents()
w.grab()
print(time.time() - t0)
"""


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def _settle(app, widget) -> None:
    app.processEvents()
    # Paint what is visible (a table's viewport, or the whole window), as the screen would.
    target = widget.viewport() if hasattr(widget, "viewport") else widget
    target.grab()


def cold_start(book: str, settings_dir: str) -> float:
    t0 = time.time()
    out = subprocess.run([sys.executable, "-c", COLD_START, repr(t0), book, settings_dir],
                         capture_output=True, text=True, check=True, cwd=str(HERE.parent))
    return float(out.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--steps", type=int, default=200)
    a = ap.parse_args(argv)

    import tempfile

    from PySide6.QtWidgets import QApplication

    from finsam_desktop.book import VoucherFilter
    from finsam_desktop.ui import settings
    from finsam_desktop.ui.app import apply_style
    from finsam_desktop.ui.main_window import MainWindow

    path = make_big_book(Path(tempfile.gettempdir()) / f"finsam-bench-ui-{a.rows}-2.finsam",
                         rows=a.rows, verbose=True)
    settings_dir = tempfile.mkdtemp(prefix="finsam-bench-settings-")
    settings.use_folder(settings_dir, organization="FinsamBench")
    app = QApplication.instance() or QApplication([])
    apply_style(app)
    rows = f"{a.rows:,}".replace(",", " ")
    print(f"bok: {path} ({path.stat().st_size / 1e6:.0f} MB, {rows} verifikationsrader)")

    w = MainWindow()
    w.resize(1280, 800)
    w.show()
    t = time.perf_counter()
    w.open_book(path)
    view = w.show_page("verifikationer")
    _settle(app, w)
    t_open = time.perf_counter() - t
    model, table = view.model, view.table
    n = model.rowCount()
    print(f"öppna boken och visa verifikationslistan ({n:,} verifikationer): {_ms(t_open)}  (mål < 1 s)"
          .replace(",", " "))

    t = time.perf_counter()
    table.scrollToBottom()
    _settle(app, table)
    print(f"hoppa till slutet av listan:                      {_ms(time.perf_counter() - t)}")
    last = model.index(n - 1, 0).data()

    bar = table.verticalScrollBar()
    page_steps, jump_steps = [], []
    bar.setValue(0)
    _settle(app, table)
    for _ in range(a.steps):
        t = time.perf_counter()
        bar.setValue(bar.value() + bar.pageStep())
        _settle(app, table)
        page_steps.append(time.perf_counter() - t)
    rng = random.Random(1)
    for _ in range(a.steps):
        t = time.perf_counter()
        bar.setValue(rng.randint(0, bar.maximum()))
        _settle(app, table)
        jump_steps.append(time.perf_counter() - t)
    for label, steps in (("bläddra en sida i taget", page_steps), ("hoppa till slumpvis plats", jump_steps)):
        print(f"{label:<30} median {_ms(statistics.median(steps))}, långsammast {_ms(max(steps))} "
              f"({len(steps)} steg)")
    print(f"sidor lästa ur boken: {model.pages_read} (à {model.PAGE} verifikationer); sista: {last}")

    y = w.book.years()[-1]
    for label, flt in (("filter: text", VoucherFilter(year_id=y.id, text="Verifikation 9999 ")),
                       ("filter: konto 6410", VoucherFilter(year_id=y.id, account=6410)),
                       ("filter: en månad", VoucherFilter(year_id=y.id, date_from=y.start[:4] + "-06-01",
                                                           date_to=y.start[:4] + "-06-30"))):
        t = time.perf_counter()
        model.set_filter(flt)
        _settle(app, table)
        print(f"{label:<30} {_ms(time.perf_counter() - t)}  ({model.rowCount():,} träffar)".replace(",", " "))

    t = time.perf_counter()
    ledger = w.show_page("huvudbok")
    ledger.set_account(1930)
    _settle(app, w)
    print(f"huvudbok 1930 helår ({ledger.model.rowCount():,} rader):  {_ms(time.perf_counter() - t)}"
          .replace(",", " "))
    lt = ledger.table
    t = time.perf_counter()
    lt.scrollToBottom()
    _settle(app, lt)
    print(f"huvudbok: hoppa till slutet:                      {_ms(time.perf_counter() - t)}")
    lbar, jumps = lt.verticalScrollBar(), []
    for _ in range(max(10, a.steps // 4)):
        t = time.perf_counter()
        lbar.setValue(rng.randint(0, lbar.maximum()))
        _settle(app, lt)
        jumps.append(time.perf_counter() - t)
    print(f"huvudbok: hoppa till slumpvis plats  median {_ms(statistics.median(jumps))}, "
          f"långsammast {_ms(max(jumps))}; sidor lästa: {ledger.model.pages_read}")
    # For comparison: reading every line of the year at once (how the huvudbok used to load).
    t = time.perf_counter()
    w.book.ledger(1930, y.start, y.end)
    print(f"jämförelse: alla rader för 1930 på en gång:       {_ms(time.perf_counter() - t)}")
    t = time.perf_counter()
    w.show_page("saldobalans")
    _settle(app, w)
    print(f"saldobalans helår:                                {_ms(time.perf_counter() - t)}")
    w.close()

    empty = [cold_start("", settings_dir) for _ in range(3)]
    big = [cold_start(str(path), settings_dir) for _ in range(3)]
    print(f"kallstart till användbart fönster, utan bok:       {_ms(statistics.median(empty))}  (mål < 2 s)")
    print(f"kallstart med den stora boken och listan visad:    {_ms(statistics.median(big))}  (mål < 2 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
