"""A booked verifikation read from a SIE file with kostnadsställen and other dimensions
shows each row's objects in the read-only form ("Objekt: rad 1: 1 Kostnadsställe 100")."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from finsam_desktop.book import Book
from finsam_desktop.exchange.sie_import import import_sie
from finsam_desktop.ui.voucher_form import VoucherDialog, row_objects_text

from ui_helpers import isolated_settings  # noqa: F401

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "exchange"))
from test_sie_objects import FILE  # noqa: E402


def test_the_booked_form_names_every_rows_objects(qtbot, tmp_path):
    src = tmp_path / "hogia.se"
    src.write_bytes(FILE.encode("cp437"))
    import_sie(src, tmp_path / "f.finsam")
    with Book.open(tmp_path / "f.finsam") as book:
        y = book.year_by_label("2024")
        dlg = VoucherDialog(book)
        qtbot.addWidget(dlg)
        dlg.resize(1000, 520)
        dlg.show()
        qtbot.waitExposed(dlg)
        dlg.show_voucher(book.voucher_by_ref(y.id, "A", 3).id)
        assert dlg.info.text().splitlines()[-1] == ("Objekt: rad 1: 1 Kostnadsställe 200 · rad 2: 1 Kostnadsställe "
                                                     "300, 25 Finansiär ESF")
        if os.environ.get("FINSAM_SHOT"):
            dlg.grab().save(os.environ["FINSAM_SHOT"])
        dlg.show_voucher(book.voucher_by_ref(y.id, "A", 2).id)
        assert "Objekt: rad 1: 1 Kostnadsställe 100, 21 Avdelning A1" in dlg.info.text()
        dlg.close()
        # A verifikation without objects says nothing about them.
        assert row_objects_text([(), ()]) == ""


def test_the_import_preview_names_the_kept_dimensions(qtbot, tmp_path):
    from finsam_desktop.exchange.sie_plan import plan_import
    from finsam_desktop.exchange.sie_reader import read_sie
    from finsam_desktop.ui.sie_import_dialog import SieImportDialog
    src = tmp_path / "hogia.se"
    src.write_bytes(FILE.encode("cp437"))
    dlg = SieImportDialog(plan_import(read_sie(src)), "en ny bok")
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    assert dlg.values["objekt"].text() == "5 objekt i 3 dimensioner: 1 Kostnadsställe, 21 Avdelning, 25 Finansiär"
    if os.environ.get("FINSAM_SHOT"):
        dlg.grab().save(os.environ["FINSAM_SHOT"].replace(".png", "-import.png"))
    dlg.close()
