"""Kontoplan: every account name is shown whole when the dialog has room for it; the
narrow columns (konto, typ, rapportrad) take what their text needs and the name the rest."""

from __future__ import annotations

import pytest

from finsam_desktop.ui.accounts_form import AccountsDialog

from ui_helpers import booked, isolated_settings  # noqa: F401


@pytest.mark.parametrize("size", [None, (1366, 728)])           # None: the dialog's own size
def test_account_names_are_whole_when_there_is_room(qtbot, book, size):
    dlg = AccountsDialog(book)
    qtbot.addWidget(dlg)
    if size:
        dlg.resize(*size)
    dlg.show()
    qtbot.waitExposed(dlg)
    table, model = dlg.table, dlg.table.model()

    def widest(col):  # what the column needs to show every cell whole (text and margins), as Qt measures it
        return table.sizeHintForColumn(col)
    names = [model.index(r, 1).data() for r in range(model.rowCount())]
    assert "Momsfordran (ersättning för mervärdesskatt)" in names
    needed = sum(widest(c) for c in range(4))
    assert needed <= table.viewport().width(), "the dialog has room for every column whole"
    for col in range(4):
        assert widest(col) <= table.columnWidth(col), (size, col, widest(col), table.columnWidth(col))
    # The name column takes the free width: the columns fill the table, nothing to scroll.
    assert sum(table.columnWidth(c) for c in range(4)) <= table.viewport().width()
    dlg.reload()                                                   # a model reset keeps the widths
    for col in range(4):
        assert widest(col) <= table.columnWidth(col), ("after reload", col)
