"""`finsam verify` on the demo book, and after each kind of tampering a raw sqlite3 shell
can do once a trigger is dropped (issue: tampering was invisible to check/export-sie)."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest

from finsam_desktop.book import Book
from finsam_desktop.demo import build_demo
from tests.conftest import run_cli


@pytest.fixture(scope="module")
def demo_master(tmp_path_factory):
    p = tmp_path_factory.mktemp("demo") / "demo.finsam"
    build_demo(p).close()
    return p


@pytest.fixture
def demo(tmp_path, demo_master):
    p = tmp_path / "demo.finsam"
    shutil.copyfile(demo_master, p)
    return p


def raw(path) -> sqlite3.Connection:
    return sqlite3.connect(str(path), isolation_level=None)


def verify(capsys, path) -> tuple[int, dict]:
    code, out, err = run_cli(capsys, "verify", path, "--json")
    return code, json.loads(out) if out.strip() else {"err": err}


def errors(result: dict) -> list[str]:
    return [f["message"] for f in result["findings"] if f["severity"] == "error"]


def test_demo_book_verifies(capsys, demo):
    code, result = verify(capsys, demo)
    assert code == 0 and result["ok"] is True
    checks = {f["check"] for f in result["findings"]}
    assert {"verify.integrity", "verify.triggers", "verify.chain", "verify.audit", "verify.seals",
            "verify.numbering", "verify.balanced", "verify.balances", "verify.foreign_keys"} <= checks


def test_dropped_trigger_and_changed_amount_in_closed_year(capsys, demo):
    c = raw(demo)
    c.execute("DROP TRIGGER voucher_row_no_update")
    c.execute("DROP TRIGGER balance_day_closed")
    vid, rid = c.execute("SELECT v.id, r.id FROM voucher v JOIN voucher_row r ON r.voucher_id = v.id "
                         "JOIN fiscal_year y ON y.id = v.year_id WHERE y.status = 'closed' "
                         "ORDER BY v.id LIMIT 1").fetchone()
    ref = c.execute("SELECT series || ' ' || number FROM voucher WHERE id = ?", (vid,)).fetchone()[0]
    c.execute("UPDATE voucher_row SET amount = amount + 100000 WHERE id = ?", (rid,))
    c.close()
    code, result = verify(capsys, demo)
    msgs = errors(result)
    assert code == 1
    assert any("voucher_row_no_update saknas" in m for m in msgs)
    assert any(f"verifikation {ref} " in m and "har ändrats efter bokföringen" in m for m in msgs)
    assert any("balanserar inte" in m for m in msgs)
    assert any("2024 har ändrats efter att det stängdes" in m for m in msgs)


def test_deleted_voucher(capsys, demo):
    c = raw(demo)
    c.execute("PRAGMA foreign_keys = OFF")
    for t in ("voucher_no_delete", "voucher_row_no_delete"):
        c.execute(f"DROP TRIGGER {t}")
    vid = c.execute("SELECT id FROM voucher WHERE series = 'A' AND number = 5 ORDER BY id DESC LIMIT 1").fetchone()[0]
    c.execute("DELETE FROM voucher_row WHERE voucher_id = ?", (vid,))
    c.execute("DELETE FROM voucher WHERE id = ?", (vid,))
    c.close()
    code, result = verify(capsys, demo)
    msgs = errors(result)
    assert code == 1
    assert any(f"verifikation id {vid} finns i kedjan men inte i boken" in m for m in msgs)
    assert any("saknar nummer 5" in m for m in msgs)


def test_edited_audit_line(capsys, demo):
    c = raw(demo)
    c.execute("DROP TRIGGER audit_log_no_update")
    aid = c.execute("SELECT id FROM audit_log WHERE action = 'voucher.book' LIMIT 1").fetchone()[0]
    c.execute("UPDATE audit_log SET detail = '{}' WHERE id = ?", (aid,))
    c.close()
    code, result = verify(capsys, demo)
    assert code == 1
    assert any(f"loggrad {aid} (voucher.book" in m and "har ändrats" in m for m in errors(result))


def test_year_reopened_by_update_then_booked_and_closed_again(capsys, demo, tmp_path):
    c = raw(demo)
    c.execute("DROP TRIGGER fiscal_year_status_logged")
    c.execute("UPDATE fiscal_year SET status = 'open' WHERE start = '2024-01-01'")
    c.close()
    code, result = verify(capsys, demo)
    assert code == 1
    assert any("2024 är öppnat utan att återöppningen gjorts i programmet" in m for m in errors(result))
    # The program refuses to book into it (the quick verification fails) ...
    code, out, err = run_cli(capsys, "book", demo, "--date", "2024-06-01", "--text", "Smygbokning",
                             "--row", "1930:100", "--row", "3010:-100")
    assert code == 2 and "klarar inte kontrollen" in err
    # ... so book it by hand and close the year again by hand.
    c = raw(demo)
    c.execute("PRAGMA foreign_keys = ON")
    vid = c.execute("SELECT max(id) + 1 FROM voucher").fetchone()[0]
    yid, num = c.execute("SELECT y.id, max(v.number) + 1 FROM fiscal_year y JOIN voucher v ON v.year_id = y.id "
                         "WHERE y.start = '2024-01-01' AND v.series = 'A'").fetchone()
    c.execute("BEGIN")
    c.executemany("INSERT INTO voucher_row (voucher_id, account, amount) VALUES (?, ?, ?)",
                  [(vid, 1930, 10000), (vid, 3010, -10000)])
    c.execute("INSERT INTO voucher (id, year_id, series, number, date, text, booked_at) "
              "VALUES (?, ?, 'A', ?, '2024-06-01', 'Smygbokning', 'x')", (vid, yid, num))
    c.execute("COMMIT")
    c.execute("UPDATE fiscal_year SET status = 'closed' WHERE id = ?", (yid,))
    c.close()
    code, result = verify(capsys, demo)
    msgs = errors(result)
    assert code == 1
    assert any("saknar länk i kedjan" in m for m in msgs)
    assert any("2024 har ändrats efter att det stängdes" in m for m in msgs)
    # check and export-sie run the verification first and refuse.
    code, out, err = run_cli(capsys, "check", demo, "--year", "2024")
    assert code != 0 and "klarar inte kontrollen" in err
    code, out, err = run_cli(capsys, "export-sie", demo, "--year", "2024", "-o", tmp_path / "x.se")
    assert code != 0 and not (tmp_path / "x.se").exists()


def test_overwritten_page_is_found_and_nothing_crashes(capsys, demo, tmp_path):
    with Book.open(demo) as b:
        page_size = b.conn.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(demo.read_bytes())
    at = (len(data) // page_size // 2) * page_size  # a page in the middle, from its header on
    data[at:at + 300] = bytes(range(256)) + bytes(44)
    demo.write_bytes(bytes(data))
    code, result = verify(capsys, demo)
    assert code == 1
    assert any("Filen är skadad" in m or "kunde inte läsa" in m for m in errors(result))
    before = demo.read_bytes()
    code, out, err = run_cli(capsys, "vouchers", demo)  # may or may not touch the page; never a traceback
    assert code in (0, 2) and (code == 0 or err.startswith("finsam: "))
    for argv in (("check", demo), ("export-sie", demo, "-o", tmp_path / "y.se"),
                 ("book", demo, "--date", "2025-06-01", "--text", "X", "--row", "1930:1", "--row", "3010:-1")):
        code, out, err = run_cli(capsys, *argv)
        assert code == 2, argv
        assert "Traceback" not in err and err.startswith("finsam: "), (argv, err)
    assert demo.read_bytes() == before  # nothing was written into the damaged book
    assert not (tmp_path / "y.se").exists()
