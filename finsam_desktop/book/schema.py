"""The book's schema and its migrations.

The database itself enforces the bookkeeping rules, so that no caller (the program, a
script, a raw sqlite3 shell) can break them:

* A verifikation is booked by inserting its rows first and its header last, in one
  transaction. The header's trigger refuses it unless its rows number at least two and
  sum to 0, its date lies in an open räkenskapsår, and its number is the next one in
  its series and year. The rows' foreign key to the header is deferred, so rows without
  a header cannot be committed.
* Booked verifikationer and their rows can never be updated or deleted; a row cannot be
  added to a verifikation that is already booked. A mistake is corrected by a new
  verifikation (rättelse) that reverses it and refers to it (`corrects_id`).
* Nothing is booked into a closed year or outside every year; ingående balanser of a
  closed year are locked; years cannot overlap.
* The audit log is append-only.

`balance_day` is an aggregate of booked rows per day, account and insats, maintained by
the header trigger; reports and the saldobalans read it instead of the million rows.

Migrations are a list: MIGRATIONS[i] takes a book from user_version i to i + 1.
"""

from __future__ import annotations

APPLICATION_ID = 0x46534D42  # "FSMB": marks a SQLite file as a Finsam book

V1 = r"""
CREATE TABLE forbund (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    namn            TEXT NOT NULL CHECK (length(trim(namn)) > 0),
    orgnr           TEXT NOT NULL CHECK (orgnr GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]'),
    adress          TEXT NOT NULL DEFAULT '',
    postnummer      TEXT NOT NULL DEFAULT '',
    ort             TEXT NOT NULL DEFAULT '',
    epost           TEXT NOT NULL DEFAULT '',
    telefon         TEXT NOT NULL DEFAULT ''
);

-- Book-wide settings (key/value): e.g. the equity account the result is closed to.
CREATE TABLE setting (
    key             TEXT PRIMARY KEY,
    value           TEXT NOT NULL
);

CREATE TABLE fiscal_year (
    id              INTEGER PRIMARY KEY,
    start           TEXT NOT NULL CHECK (date(start) = start),
    end             TEXT NOT NULL CHECK (date(end) = end),
    status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    closed_at       TEXT,
    CHECK (start < end),
    UNIQUE (start)
);

CREATE TRIGGER fiscal_year_no_overlap BEFORE INSERT ON fiscal_year
WHEN EXISTS (SELECT 1 FROM fiscal_year y WHERE NEW.start <= y.end AND NEW.end >= y.start)
BEGIN
    SELECT RAISE(ABORT, 'Räkenskapsåret överlappar ett befintligt räkenskapsår.');
END;

CREATE TRIGGER fiscal_year_dates_locked BEFORE UPDATE OF start, end ON fiscal_year
WHEN OLD.status = 'closed' OR EXISTS (SELECT 1 FROM voucher v WHERE v.year_id = OLD.id)
BEGIN
    SELECT RAISE(ABORT, 'Ett räkenskapsår med bokförda verifikationer eller ett stängt år kan inte få nya datum.');
END;

CREATE TRIGGER fiscal_year_no_delete BEFORE DELETE ON fiscal_year
WHEN OLD.status = 'closed' OR EXISTS (SELECT 1 FROM voucher v WHERE v.year_id = OLD.id)
BEGIN
    SELECT RAISE(ABORT, 'Ett räkenskapsår med bokförda verifikationer eller ett stängt år kan inte tas bort.');
END;

-- Closing and re-opening a year is always written to the audit log, whoever does it.
CREATE TRIGGER fiscal_year_status_logged AFTER UPDATE OF status ON fiscal_year
WHEN OLD.status <> NEW.status
BEGIN
    INSERT INTO audit_log (at, action, detail)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
            CASE NEW.status WHEN 'closed' THEN 'year.close' ELSE 'year.reopen' END,
            json_object('year_id', NEW.id, 'start', NEW.start, 'end', NEW.end));
END;

CREATE TABLE account (
    number          INTEGER PRIMARY KEY CHECK (number BETWEEN 1000 AND 9999),
    name            TEXT NOT NULL CHECK (length(trim(name)) > 0),
    kind            TEXT NOT NULL CHECK (kind IN ('T', 'S', 'I', 'K')),
    row_id          TEXT,
    active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

-- Projektägare and other motparter (a member kommun is often both).
CREATE TABLE counterpart (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    orgnr           TEXT NOT NULL DEFAULT '',
    member_id       INTEGER REFERENCES member (id)
);

CREATE TABLE member (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    kind            TEXT NOT NULL CHECK (kind IN ('stat', 'region', 'kommun')),
    share_bp        INTEGER NOT NULL CHECK (share_bp BETWEEN 0 AND 10000), -- andel in 1/100 %
    account         INTEGER REFERENCES account (number),                  -- its driftbidrag account, if it has one
    sort            INTEGER NOT NULL DEFAULT 0
);

-- Driftbidrag (tilldelade medel) decided per member and year, ledger-independent.
CREATE TABLE member_contribution (
    member_id       INTEGER NOT NULL REFERENCES member (id),
    year_id         INTEGER NOT NULL REFERENCES fiscal_year (id),
    amount          INTEGER NOT NULL CHECK (amount >= 0),
    PRIMARY KEY (member_id, year_id)
);

-- Insatser (SIE dimension 6).
CREATE TABLE project (
    id              INTEGER PRIMARY KEY,
    code            TEXT NOT NULL UNIQUE CHECK (length(trim(code)) > 0),
    name            TEXT NOT NULL CHECK (length(trim(name)) > 0),
    owner_id        INTEGER REFERENCES counterpart (id),
    kind            TEXT NOT NULL DEFAULT 'individinriktad'
                    CHECK (kind IN ('individinriktad', 'strukturövergripande', 'samverkansstödjande')),
    start           TEXT,
    end             TEXT,
    account         INTEGER REFERENCES account (number), -- its cost account (e.g. 4530)
    active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

-- Beviljade medel per insats and year.
CREATE TABLE project_grant (
    project_id      INTEGER NOT NULL REFERENCES project (id),
    year_id         INTEGER NOT NULL REFERENCES fiscal_year (id),
    amount          INTEGER NOT NULL CHECK (amount >= 0),
    PRIMARY KEY (project_id, year_id)
);

-- Ingående balanser per year (and insats, for interimsskulder). Ledger sign.
CREATE TABLE opening_balance (
    year_id         INTEGER NOT NULL REFERENCES fiscal_year (id),
    account         INTEGER NOT NULL REFERENCES account (number),
    project_id      INTEGER REFERENCES project (id),
    amount          INTEGER NOT NULL
);
CREATE UNIQUE INDEX opening_balance_key ON opening_balance (year_id, account, ifnull(project_id, 0));

CREATE TRIGGER opening_balance_closed_ins BEFORE INSERT ON opening_balance
WHEN (SELECT status FROM fiscal_year WHERE id = NEW.year_id) = 'closed'
BEGIN
    SELECT RAISE(ABORT, 'Ingående balanser i ett stängt räkenskapsår kan inte ändras.');
END;
CREATE TRIGGER opening_balance_closed_upd BEFORE UPDATE ON opening_balance
WHEN (SELECT status FROM fiscal_year WHERE id = OLD.year_id) = 'closed'
  OR (SELECT status FROM fiscal_year WHERE id = NEW.year_id) = 'closed'
BEGIN
    SELECT RAISE(ABORT, 'Ingående balanser i ett stängt räkenskapsår kan inte ändras.');
END;
CREATE TRIGGER opening_balance_closed_del BEFORE DELETE ON opening_balance
WHEN (SELECT status FROM fiscal_year WHERE id = OLD.year_id) = 'closed'
BEGIN
    SELECT RAISE(ABORT, 'Ingående balanser i ett stängt räkenskapsår kan inte ändras.');
END;

-- Booked verifikationer. Insert the rows first, the header last (see module doc).
CREATE TABLE voucher (
    id              INTEGER PRIMARY KEY,
    year_id         INTEGER NOT NULL REFERENCES fiscal_year (id),
    series          TEXT NOT NULL DEFAULT 'A' CHECK (length(series) BETWEEN 1 AND 20),
    number          INTEGER NOT NULL CHECK (number >= 1),
    date            TEXT NOT NULL CHECK (date(date) = date),
    text            TEXT NOT NULL DEFAULT '',
    booked_at       TEXT NOT NULL,
    corrects_id     INTEGER REFERENCES voucher (id),
    source          TEXT NOT NULL DEFAULT '',  -- e.g. 'SIE A 17' when imported
    UNIQUE (year_id, series, number)
);
CREATE INDEX voucher_date ON voucher (date, id);
CREATE INDEX voucher_corrects ON voucher (corrects_id) WHERE corrects_id IS NOT NULL;
-- The verifikationslista of a year pages in this order: LIMIT/OFFSET walks this index
-- alone, without sorting the table or reading its rows.
CREATE INDEX voucher_list ON voucher (year_id, date, series, number);

CREATE TABLE voucher_row (
    id              INTEGER PRIMARY KEY,
    voucher_id      INTEGER NOT NULL REFERENCES voucher (id) DEFERRABLE INITIALLY DEFERRED,
    account         INTEGER NOT NULL REFERENCES account (number),
    amount          INTEGER NOT NULL,
    project_id      INTEGER REFERENCES project (id),
    counterpart_id  INTEGER REFERENCES counterpart (id),
    text            TEXT NOT NULL DEFAULT ''
);
CREATE INDEX voucher_row_voucher ON voucher_row (voucher_id);
CREATE INDEX voucher_row_account ON voucher_row (account, voucher_id);
CREATE INDEX voucher_row_project ON voucher_row (project_id, voucher_id) WHERE project_id IS NOT NULL;

CREATE TABLE balance_day (
    date            TEXT NOT NULL,
    account         INTEGER NOT NULL,
    project_id      INTEGER NOT NULL DEFAULT 0, -- 0: no insats
    amount          INTEGER NOT NULL,
    PRIMARY KEY (date, account, project_id)
) WITHOUT ROWID;

-- A new row needs an account from the chart (also for a raw connection with foreign keys
-- off) and a verifikation that is not booked yet. One trigger for both: it runs for every
-- row of every import.
CREATE TRIGGER voucher_row_into_booked BEFORE INSERT ON voucher_row
BEGIN
    SELECT CASE
        WHEN NOT EXISTS (SELECT 1 FROM account WHERE number = NEW.account)
            THEN RAISE(ABORT, 'Kontot finns inte i kontoplanen.')
        WHEN EXISTS (SELECT 1 FROM voucher WHERE id = NEW.voucher_id)
            THEN RAISE(ABORT, 'Verifikationen är redan bokförd och kan inte få nya rader. Gör en rättelse.')
    END;
END;

CREATE TRIGGER voucher_row_no_update BEFORE UPDATE ON voucher_row
BEGIN
    SELECT RAISE(ABORT, 'En bokförd verifikationsrad kan inte ändras. Gör en rättelse.');
END;

CREATE TRIGGER voucher_row_no_delete BEFORE DELETE ON voucher_row
WHEN EXISTS (SELECT 1 FROM voucher WHERE id = OLD.voucher_id)
BEGIN
    SELECT RAISE(ABORT, 'En bokförd verifikationsrad kan inte tas bort. Gör en rättelse.');
END;

CREATE TRIGGER voucher_no_update BEFORE UPDATE ON voucher
BEGIN
    SELECT RAISE(ABORT, 'En bokförd verifikation kan inte ändras. Gör en rättelse.');
END;

CREATE TRIGGER voucher_no_delete BEFORE DELETE ON voucher
BEGIN
    SELECT RAISE(ABORT, 'En bokförd verifikation kan inte tas bort. Gör en rättelse.');
END;

-- The header's checks, in this order: its number is the next in its series and year, its
-- year is not closed, its date lies in its year, its rows balance and are at least two.
-- One trigger with one pass over the rows (count and sum together): it runs for every
-- verifikation of every import.
CREATE TRIGGER voucher_header_checks BEFORE INSERT ON voucher
BEGIN
    SELECT CASE
        WHEN NEW.number <> 1 + ifnull((SELECT max(number) FROM voucher
                                       WHERE year_id = NEW.year_id AND series = NEW.series), 0)
            THEN RAISE(ABORT, 'Verifikationsnumret följer inte i nummerserien (luckor är inte tillåtna).')
        WHEN (SELECT status FROM fiscal_year WHERE id = NEW.year_id) = 'closed'
            THEN RAISE(ABORT, 'Räkenskapsåret är stängt. Inget kan bokföras i ett stängt år.')
        WHEN NOT EXISTS (SELECT 1 FROM fiscal_year y
                         WHERE y.id = NEW.year_id AND NEW.date BETWEEN y.start AND y.end)
            THEN RAISE(ABORT, 'Datumet ligger inte i något räkenskapsår.')
        WHEN vr.total <> 0
            THEN RAISE(ABORT, 'Verifikationen balanserar inte: debet och kredit skiljer sig.')
        WHEN vr.n < 2
            THEN RAISE(ABORT, 'En verifikation måste ha minst två rader.')
    END
    FROM (SELECT count(*) AS n, total(amount) AS total FROM voucher_row WHERE voucher_id = NEW.id) AS vr;
END;

-- Row by row, not grouped: the upsert adds up rows of the same account and insats just
-- the same, without a sorter per verifikation.
CREATE TRIGGER voucher_into_balance_day AFTER INSERT ON voucher
BEGIN
    INSERT INTO balance_day (date, account, project_id, amount)
    SELECT NEW.date, account, ifnull(project_id, 0), amount
    FROM voucher_row WHERE voucher_id = NEW.id
    ON CONFLICT (date, account, project_id) DO UPDATE SET amount = amount + excluded.amount;
END;

CREATE TRIGGER balance_day_no_delete BEFORE DELETE ON balance_day
BEGIN
    SELECT RAISE(ABORT, 'Saldotabellen härleds ur verifikationerna och kan inte ändras direkt.');
END;

CREATE TRIGGER balance_day_closed BEFORE UPDATE ON balance_day
BEGIN
    SELECT RAISE(ABORT, 'Räkenskapsåret är stängt. Inget kan bokföras i ett stängt år.')
    FROM fiscal_year AS y NOT INDEXED WHERE y.status = 'closed' AND OLD.date BETWEEN y.start AND y.end;
END;

-- The same rules for a raw connection with foreign keys off or a hand-made statement:
-- a closed year's daily balances cannot grow, a row needs an account from the chart
-- (voucher_row_into_booked), years cannot be moved onto each other, a used account keeps
-- its number and kind. The balance_day guards raise from a plain scan of the few years
-- (not WHEN EXISTS): they run for every row a booking adds to balance_day.
CREATE TRIGGER balance_day_closed_ins BEFORE INSERT ON balance_day
BEGIN
    SELECT RAISE(ABORT, 'Räkenskapsåret är stängt. Inget kan bokföras i ett stängt år.')
    FROM fiscal_year AS y NOT INDEXED WHERE y.status = 'closed' AND NEW.date BETWEEN y.start AND y.end;
END;

CREATE TRIGGER fiscal_year_no_overlap_upd BEFORE UPDATE OF start, end ON fiscal_year
WHEN EXISTS (SELECT 1 FROM fiscal_year y WHERE y.id <> OLD.id AND NEW.start <= y.end AND NEW.end >= y.start)
BEGIN
    SELECT RAISE(ABORT, 'Räkenskapsåret överlappar ett befintligt räkenskapsår.');
END;

CREATE TRIGGER account_used_keeps_number BEFORE UPDATE OF number, kind ON account
WHEN (OLD.number <> NEW.number OR OLD.kind <> NEW.kind)
 AND (EXISTS (SELECT 1 FROM voucher_row WHERE account = OLD.number)
      OR EXISTS (SELECT 1 FROM opening_balance WHERE account = OLD.number))
BEGIN
    SELECT RAISE(ABORT, 'Kontot används i bokföringen; kontonummer och kontotyp kan inte ändras.');
END;

CREATE TRIGGER account_used_no_delete BEFORE DELETE ON account
WHEN EXISTS (SELECT 1 FROM voucher_row WHERE account = OLD.number)
  OR EXISTS (SELECT 1 FROM opening_balance WHERE account = OLD.number)
BEGIN
    SELECT RAISE(ABORT, 'Kontot används i bokföringen och kan inte tas bort. Inaktivera det i stället.');
END;

-- Drafts (preliminära verifikationer): freely editable, not part of the ledger.
CREATE TABLE draft (
    id              INTEGER PRIMARY KEY,
    series          TEXT NOT NULL DEFAULT 'A',
    date            TEXT NOT NULL DEFAULT '',
    text            TEXT NOT NULL DEFAULT '',
    corrects_id     INTEGER REFERENCES voucher (id),
    created_at      TEXT NOT NULL
);
CREATE TABLE draft_row (
    id              INTEGER PRIMARY KEY,
    draft_id        INTEGER NOT NULL REFERENCES draft (id) ON DELETE CASCADE,
    account         INTEGER,
    amount          INTEGER NOT NULL DEFAULT 0,
    project_id      INTEGER REFERENCES project (id),
    counterpart_id  INTEGER REFERENCES counterpart (id),
    text            TEXT NOT NULL DEFAULT ''
);

-- Budget per year: one row per line of the driftredovisning. Ledger sign
-- (an income budget is negative, a cost budget positive), like every amount stored.
CREATE TABLE budget_row (
    id              INTEGER PRIMARY KEY,
    year_id         INTEGER NOT NULL REFERENCES fiscal_year (id),
    label           TEXT NOT NULL,
    section         TEXT NOT NULL DEFAULT 'ovrigt'
                    CHECK (section IN ('intakter', 'insatser', 'kansli', 'styrelse', 'ovrigt', 'finansiellt')),
    account_from    INTEGER NOT NULL,
    account_to      INTEGER NOT NULL,
    project_id      INTEGER REFERENCES project (id),
    amount          INTEGER NOT NULL,
    sort            INTEGER NOT NULL DEFAULT 0,
    CHECK (account_from <= account_to)
);

-- Free texts per year: förvaltningsberättelse sections and other named fields
-- (e.g. 'beslutsort', 'beslutsdatum', 'disposition', 'bank_saldo').
CREATE TABLE year_text (
    year_id         INTEGER NOT NULL REFERENCES fiscal_year (id),
    key             TEXT NOT NULL,
    text            TEXT NOT NULL,
    PRIMARY KEY (year_id, key)
);

-- Styrelse and revisorer who sign the årsredovisning of a year.
CREATE TABLE signatory (
    id              INTEGER PRIMARY KEY,
    year_id         INTEGER NOT NULL REFERENCES fiscal_year (id),
    name            TEXT NOT NULL,
    role            TEXT NOT NULL DEFAULT 'Ledamot',
    kind            TEXT NOT NULL DEFAULT 'styrelse' CHECK (kind IN ('styrelse', 'revisor')),
    sort            INTEGER NOT NULL DEFAULT 0
);

-- Period-end accruals (interimsskulder) per insats, remembered per period end.
CREATE TABLE accrual (
    id              INTEGER PRIMARY KEY,
    period_end      TEXT NOT NULL CHECK (date(period_end) = period_end),
    kind            TEXT NOT NULL DEFAULT 'insats',
    project_id      INTEGER REFERENCES project (id),
    counterpart_id  INTEGER REFERENCES counterpart (id),
    label           TEXT NOT NULL DEFAULT '',
    debit_account   INTEGER REFERENCES account (number),
    credit_account  INTEGER REFERENCES account (number),
    amount          INTEGER NOT NULL,
    comment         TEXT NOT NULL DEFAULT '',
    voucher_id      INTEGER REFERENCES voucher (id),
    reversal_voucher_id INTEGER REFERENCES voucher (id)
);
CREATE UNIQUE INDEX accrual_key ON accrual (period_end, kind, ifnull(project_id, 0), label);

-- What a projektägare reported as used but not yet invoiced, per insats and period end;
-- entered before the accrual is booked, the suggested interimsskuld starts from it.
CREATE TABLE accrual_report (
    period_end      TEXT NOT NULL CHECK (date(period_end) = period_end),
    project_id      INTEGER NOT NULL REFERENCES project (id),
    amount          INTEGER NOT NULL CHECK (amount >= 0),
    comment         TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (period_end, project_id)
);

CREATE TABLE audit_log (
    id              INTEGER PRIMARY KEY,
    at              TEXT NOT NULL,
    action          TEXT NOT NULL,
    detail          TEXT NOT NULL DEFAULT '{}'
);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'Loggen kan inte ändras.');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'Loggen kan inte ändras.');
END;
"""

# Tamper evidence (book/chain.py): a hash chain over the verifikationer in booking order
# and over the audit log, and a seal per closed year. Links are written by the program at
# the end of every transaction; `finsam verify` recomputes them from the content.
V_SAFETY = r"""
CREATE TABLE voucher_link (
    voucher_id      INTEGER PRIMARY KEY REFERENCES voucher (id),
    hash            TEXT NOT NULL
);

CREATE TRIGGER voucher_link_no_update BEFORE UPDATE ON voucher_link
BEGIN
    SELECT RAISE(ABORT, 'Verifikationskedjan kan inte ändras.');
END;

CREATE TRIGGER voucher_link_no_delete BEFORE DELETE ON voucher_link
BEGIN
    SELECT RAISE(ABORT, 'Verifikationskedjan kan inte ändras.');
END;

CREATE TABLE audit_link (
    audit_id        INTEGER PRIMARY KEY REFERENCES audit_log (id),
    hash            TEXT NOT NULL
);

CREATE TRIGGER audit_link_no_update BEFORE UPDATE ON audit_link
BEGIN
    SELECT RAISE(ABORT, 'Loggens kedja kan inte ändras.');
END;

CREATE TRIGGER audit_link_no_delete BEFORE DELETE ON audit_link
BEGIN
    SELECT RAISE(ABORT, 'Loggens kedja kan inte ändras.');
END;

-- Every close ('close', with the hash of the year's content) and reopen ('reopen') of
-- a räkenskapsår, in order. A closed year's last event is its valid seal.
CREATE TABLE year_seal (
    id              INTEGER PRIMARY KEY,
    year_id         INTEGER NOT NULL REFERENCES fiscal_year (id),
    event           TEXT NOT NULL CHECK (event IN ('close', 'reopen')),
    at              TEXT NOT NULL,
    hash            TEXT NOT NULL DEFAULT ''
);

CREATE TRIGGER year_seal_no_update BEFORE UPDATE ON year_seal
BEGIN
    SELECT RAISE(ABORT, 'Årets försegling kan inte ändras.');
END;

CREATE TRIGGER year_seal_no_delete BEFORE DELETE ON year_seal
BEGIN
    SELECT RAISE(ABORT, 'Årets försegling kan inte ändras.');
END;
"""

# MIGRATIONS[i] brings a book from user_version i to i + 1. Append, never edit.
MIGRATIONS: list[str] = [V1, V_SAFETY]

SCHEMA_VERSION = len(MIGRATIONS)
