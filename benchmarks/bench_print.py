"""Time the printed verifikationslista and huvudbok (PDF) of a big räkenskapsår.

    python benchmarks/bench_print.py [--rows N] [--runs R] [--from ÅÅÅÅ-MM-DD --to ÅÅÅÅ-MM-DD]

Uses the cached big book (make_big_book.py; its open year holds about half of --rows
verifikationsrader) and writes the verifikationslista and the huvudbok of the open
year (or of the period given) to PDF files in a temporary folder, timing each end to
end (reading the book, laying out, writing). Prints the time, the pages, the file size,
the rows per second and the process's peak memory after each, to show that the lists
stream: the memory stays flat while the rows grow.

With --xlsx it also times Exportera tabellen (xlsx) of the Verifikationer page showing
the whole open year (every verifikation read back from the table, offscreen).
"""

from __future__ import annotations

import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_big_book import open_big_book  # noqa: E402

from finsam_desktop.render.print_pdf import render_journal_pdf, render_ledger_pdf  # noqa: E402
from finsam_desktop.reports.printouts import journal_printout, ledger_printout  # noqa: E402


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _n(x: float) -> str:
    return f"{x:,.0f}".replace(",", " ")


def _pages(path: Path) -> int:
    data = path.read_bytes()
    return data.count(b"/Type /Page\n") + data.count(b"/Type /Page ") + data.count(b"/Type /Page>")


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    period: dict[str, str] = {}
    for flag, key in (("--from", "date_from"), ("--to", "date_to")):
        if flag in argv:
            i = argv.index(flag)
            period[key] = argv[i + 1]
            del argv[i:i + 2]
    xlsx = "--xlsx" in argv
    if xlsx:
        argv.remove("--xlsx")
    args, book = open_big_book(__doc__.splitlines()[0], argv)
    try:
        year = [y for y in book.years() if not y.is_closed][-1]
        with tempfile.TemporaryDirectory() as tmp:
            for what, build, render in (("verifikationslista", journal_printout, render_journal_pdf),
                                        ("huvudbok", ledger_printout, render_ledger_pdf)):
                out = Path(tmp) / f"{what}.pdf"
                times = []
                for _ in range(max(1, args.runs)):
                    t = time.perf_counter()
                    data = build(book, year.id, **period)
                    render(data, out)
                    times.append(time.perf_counter() - t)
                rows = data.row_count
                med = statistics.median(times)
                print(f"{what} {data.date_from} – {data.date_to}: {_n(rows)} rader, {_n(_pages(out))} sidor, "
                      f"{out.stat().st_size / 1e6:.1f} MB; median {med:.1f} s (snabbast {min(times):.1f} s, "
                      f"långsammast {max(times):.1f} s, {len(times)} körningar), {_n(rows / med)} rader/s; "
                      f"högsta minne hittills {_peak_mb():.0f} MB", flush=True)
            if xlsx:
                _bench_xlsx(book, year, Path(tmp))
    finally:
        book.close()
    return 0


def _bench_xlsx(book, year, tmp: Path) -> None:
    import os
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from finsam_desktop.render.table_xlsx import write_table_xlsx
    from finsam_desktop.ui.table_export import table_export
    from finsam_desktop.ui.voucher_list import VoucherListView
    app = QApplication.instance() or QApplication([])
    view = VoucherListView(book)
    view.period.reload_years(year.id)
    n = view.model.rowCount()
    t = time.perf_counter()
    data = table_export(view.table, "Verifikationer", "")
    t_read = time.perf_counter() - t
    out = tmp / "verifikationer.xlsx"
    write_table_xlsx(data, out)
    total = time.perf_counter() - t
    print(f"Exportera tabellen (xlsx), Verifikationer {year.label}: {_n(n)} rader; läsa tabellen {t_read:.1f} s, "
          f"allt {total:.1f} s, {out.stat().st_size / 1e6:.1f} MB; högsta minne hittills {_peak_mb():.0f} MB",
          flush=True)
    view.deleteLater()
    app.processEvents()


if __name__ == "__main__":
    sys.exit(main())
