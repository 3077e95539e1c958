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

# The board's budget beyond one year's amount, per budget row: the two plan years of the
# verksamhetsplan, the monthly profile the year's budget follows ('' = evenly by month,
# else twelve weights January–December), and the prognosis the board set for the whole
# year with its comment (NULL: outcome so far + the budget for the rest of the year).
# Ledger sign like every amount stored. A closed year's rows cannot change.
V_BUDGET_PLAN = """
CREATE TABLE budget_plan (
    budget_row_id     INTEGER PRIMARY KEY REFERENCES budget_row (id) ON DELETE CASCADE,
    plan1             INTEGER,
    plan2             INTEGER,
    profile           TEXT NOT NULL DEFAULT '',
    prognosis         INTEGER,
    prognosis_comment TEXT NOT NULL DEFAULT ''
);

CREATE TRIGGER budget_plan_closed_insert BEFORE INSERT ON budget_plan
WHEN (SELECT y.status FROM budget_row b JOIN fiscal_year y ON y.id = b.year_id
      WHERE b.id = NEW.budget_row_id) = 'closed'
BEGIN
    SELECT RAISE(ABORT, 'Räkenskapsåret är stängt; dess budget och prognos kan inte ändras.');
END;

CREATE TRIGGER budget_plan_closed_update BEFORE UPDATE ON budget_plan
WHEN (SELECT y.status FROM budget_row b JOIN fiscal_year y ON y.id = b.year_id
      WHERE b.id = OLD.budget_row_id) = 'closed'
BEGIN
    SELECT RAISE(ABORT, 'Räkenskapsåret är stängt; dess budget och prognos kan inte ändras.');
END;
"""

# The årsredovisning beyond the statements: deltagare per insats and year, the förbund's
# goals with their verdicts, the key figures of years before the book (from old reports)
# and the organisation (styrelse, revisorer, förbundschef) per year. What belongs to a
# closed year is locked like its ingående balanser.
V_ARSREDOVISNING = r"""
CREATE TABLE participant_figures (
    project_id      INTEGER NOT NULL REFERENCES project (id),
    year_id         INTEGER NOT NULL REFERENCES fiscal_year (id),
    age_group       TEXT NOT NULL DEFAULT '',
    target          INTEGER CHECK (target IS NULL OR target >= 0),
    women           INTEGER NOT NULL DEFAULT 0 CHECK (women >= 0),
    men             INTEGER NOT NULL DEFAULT 0 CHECK (men >= 0),
    ended_work      INTEGER NOT NULL DEFAULT 0 CHECK (ended_work >= 0),
    ended_studies   INTEGER NOT NULL DEFAULT 0 CHECK (ended_studies >= 0),
    ended_other_insats INTEGER NOT NULL DEFAULT 0 CHECK (ended_other_insats >= 0),
    ended_other     INTEGER NOT NULL DEFAULT 0 CHECK (ended_other >= 0),
    CHECK (ended_work + ended_studies + ended_other_insats + ended_other <= women + men),
    PRIMARY KEY (project_id, year_id, age_group)
);

CREATE TABLE goal (
    id              INTEGER PRIMARY KEY,
    year_id         INTEGER NOT NULL REFERENCES fiscal_year (id),
    kind            TEXT NOT NULL CHECK (kind IN ('verksamhet', 'finansiell')),
    sort            INTEGER NOT NULL DEFAULT 0,
    title           TEXT NOT NULL CHECK (length(trim(title)) > 0),
    measure         TEXT NOT NULL DEFAULT '',
    metric          TEXT CHECK (metric IS NULL OR metric IN ('eget_kapital_max_andel', 'eget_kapital_golv',
                        'individ_andel_min', 'resultat_mot_budget', 'deltagare_mot_mal')),
    target          INTEGER,
    outcome         TEXT NOT NULL DEFAULT '',
    verdict         TEXT CHECK (verdict IS NULL OR verdict IN ('uppfyllt', 'delvis', 'ej_uppfyllt')),
    CHECK (metric IS NULL OR target IS NOT NULL)
);

CREATE TABLE history_year (
    year            INTEGER PRIMARY KEY CHECK (year BETWEEN 1990 AND 2200),
    tilldelade_medel INTEGER NOT NULL,
    verksamhetens_intakter INTEGER NOT NULL,
    verksamhetens_kostnader INTEGER NOT NULL,
    arets_resultat  INTEGER NOT NULL,
    eget_kapital    INTEGER NOT NULL,
    summa_tillgangar INTEGER NOT NULL,
    likvida_medel   INTEGER NOT NULL,
    source          TEXT NOT NULL DEFAULT ''
);

CREATE TABLE organisation_person (
    id              INTEGER PRIMARY KEY,
    year_id         INTEGER NOT NULL REFERENCES fiscal_year (id),
    name            TEXT NOT NULL CHECK (length(trim(name)) > 0),
    role            TEXT NOT NULL CHECK (role IN ('ledamot', 'ersattare', 'revisor', 'forbundschef')),
    title           TEXT NOT NULL DEFAULT '',
    member_id       INTEGER REFERENCES member (id),
    sort            INTEGER NOT NULL DEFAULT 0
);

CREATE TRIGGER participant_figures_closed_ins BEFORE INSERT ON participant_figures
WHEN (SELECT status FROM fiscal_year WHERE id = NEW.year_id) = 'closed'
BEGIN SELECT RAISE(ABORT, 'Räkenskapsåret är stängt; deltagaruppgifterna kan inte ändras.'); END;
CREATE TRIGGER participant_figures_closed_upd BEFORE UPDATE ON participant_figures
WHEN (SELECT status FROM fiscal_year WHERE id = OLD.year_id) = 'closed'
  OR (SELECT status FROM fiscal_year WHERE id = NEW.year_id) = 'closed'
BEGIN SELECT RAISE(ABORT, 'Räkenskapsåret är stängt; deltagaruppgifterna kan inte ändras.'); END;
CREATE TRIGGER participant_figures_closed_del BEFORE DELETE ON participant_figures
WHEN (SELECT status FROM fiscal_year WHERE id = OLD.year_id) = 'closed'
BEGIN SELECT RAISE(ABORT, 'Räkenskapsåret är stängt; deltagaruppgifterna kan inte ändras.'); END;

CREATE TRIGGER goal_closed_ins BEFORE INSERT ON goal
WHEN (SELECT status FROM fiscal_year WHERE id = NEW.year_id) = 'closed'
BEGIN SELECT RAISE(ABORT, 'Räkenskapsåret är stängt; målen kan inte ändras.'); END;
CREATE TRIGGER goal_closed_upd BEFORE UPDATE ON goal
WHEN (SELECT status FROM fiscal_year WHERE id = OLD.year_id) = 'closed'
  OR (SELECT status FROM fiscal_year WHERE id = NEW.year_id) = 'closed'
BEGIN SELECT RAISE(ABORT, 'Räkenskapsåret är stängt; målen kan inte ändras.'); END;
CREATE TRIGGER goal_closed_del BEFORE DELETE ON goal
WHEN (SELECT status FROM fiscal_year WHERE id = OLD.year_id) = 'closed'
BEGIN SELECT RAISE(ABORT, 'Räkenskapsåret är stängt; målen kan inte ändras.'); END;

CREATE TRIGGER organisation_closed_ins BEFORE INSERT ON organisation_person
WHEN (SELECT status FROM fiscal_year WHERE id = NEW.year_id) = 'closed'
BEGIN SELECT RAISE(ABORT, 'Räkenskapsåret är stängt; organisationen kan inte ändras.'); END;
CREATE TRIGGER organisation_closed_upd BEFORE UPDATE ON organisation_person
WHEN (SELECT status FROM fiscal_year WHERE id = OLD.year_id) = 'closed'
  OR (SELECT status FROM fiscal_year WHERE id = NEW.year_id) = 'closed'
BEGIN SELECT RAISE(ABORT, 'Räkenskapsåret är stängt; organisationen kan inte ändras.'); END;
CREATE TRIGGER organisation_closed_del BEFORE DELETE ON organisation_person
WHEN (SELECT status FROM fiscal_year WHERE id = OLD.year_id) = 'closed'
BEGIN SELECT RAISE(ABORT, 'Räkenskapsåret är stängt; organisationen kan inte ändras.'); END;
"""

# Kommuner keep Kommun-Bas accounts of five or six digits: the account number's CHECK is
# widened to four to six digits. SQLite cannot alter a CHECK; widening it in the stored
# schema is safe (every row already satisfies the wider rule), and RESET makes the
# connection read the schema again. The CREATE INDEX bumps the schema cookie so that other
# connections read it again too.
V_KONTO_SEXSIFFRIG = r"""
PRAGMA writable_schema = ON;
UPDATE sqlite_master SET sql = replace(sql, 'CHECK (number BETWEEN 1000 AND 9999)',
    'CHECK (number BETWEEN 1000 AND 999999)') WHERE type = 'table' AND name = 'account';
PRAGMA writable_schema = RESET;
CREATE INDEX account_row ON account (row_id);
"""


# Bank statements: what the bank says, line by line, and which verifikationer each line
# is matched to. An imported line is never changed or removed; a match can be undone
# until the user confirms it, a confirmed one only by unmatching by hand.
V_BANK = r"""
CREATE TABLE bank_statement (
    id              INTEGER PRIMARY KEY,
    account         INTEGER NOT NULL REFERENCES account (number),
    account_id      TEXT NOT NULL DEFAULT '',   -- IBAN or the bank's account number
    statement_ref   TEXT NOT NULL DEFAULT '',
    file_name       TEXT NOT NULL DEFAULT '',
    format          TEXT NOT NULL,
    date_from       TEXT NOT NULL CHECK (date(date_from) = date_from),
    date_to         TEXT NOT NULL CHECK (date(date_to) = date_to),
    opening         INTEGER,
    closing         INTEGER,
    imported_at     TEXT NOT NULL,
    CHECK (date_from <= date_to)
);
CREATE INDEX bank_statement_period ON bank_statement (account, date_from);

CREATE TABLE bank_line (
    id              INTEGER PRIMARY KEY,
    statement_id    INTEGER NOT NULL REFERENCES bank_statement (id),
    account         INTEGER NOT NULL REFERENCES account (number),
    booking_date    TEXT NOT NULL CHECK (date(booking_date) = booking_date),
    value_date      TEXT NOT NULL DEFAULT '',
    amount          INTEGER NOT NULL,
    text            TEXT NOT NULL DEFAULT '',
    reference       TEXT NOT NULL DEFAULT '',
    ocr             TEXT NOT NULL DEFAULT '',
    counterparty    TEXT NOT NULL DEFAULT '',
    balance         INTEGER,
    dedup_key       TEXT NOT NULL,
    UNIQUE (account, dedup_key)
);
CREATE INDEX bank_line_date ON bank_line (account, booking_date, id);

CREATE TRIGGER bank_line_no_update BEFORE UPDATE ON bank_line
BEGIN
    SELECT RAISE(ABORT, 'En inläst bankrad kan inte ändras.');
END;
CREATE TRIGGER bank_line_no_delete BEFORE DELETE ON bank_line
BEGIN
    SELECT RAISE(ABORT, 'En inläst bankrad kan inte tas bort.');
END;
CREATE TRIGGER bank_statement_no_update BEFORE UPDATE ON bank_statement
BEGIN
    SELECT RAISE(ABORT, 'Ett inläst kontoutdrag kan inte ändras.');
END;
CREATE TRIGGER bank_statement_no_delete BEFORE DELETE ON bank_statement
BEGIN
    SELECT RAISE(ABORT, 'Ett inläst kontoutdrag kan inte tas bort.');
END;

-- One bank line to one or several verifikationer; a verifikation to at most one line.
CREATE TABLE bank_match (
    line_id         INTEGER NOT NULL REFERENCES bank_line (id),
    voucher_id      INTEGER NOT NULL REFERENCES voucher (id),
    confirmed       INTEGER NOT NULL DEFAULT 0 CHECK (confirmed IN (0, 1)),
    kind            TEXT NOT NULL DEFAULT 'förslag' CHECK (kind IN ('förslag', 'hand', 'regel')),
    PRIMARY KEY (line_id, voucher_id)
);
CREATE UNIQUE INDEX bank_match_voucher ON bank_match (voucher_id);

-- Rules that propose a verifikation for an unmatched line: the line's text or
-- counterparty contains `pattern` -> the other side goes to `account`.
CREATE TABLE bank_rule (
    id              INTEGER PRIMARY KEY,
    pattern         TEXT NOT NULL CHECK (length(trim(pattern)) > 0),
    account         INTEGER NOT NULL REFERENCES account (number),
    text            TEXT NOT NULL DEFAULT '',
    sort            INTEGER NOT NULL DEFAULT 0
);
"""

# Underlag, attest and leverantörsfakturor. The files themselves live in the companion
# file (book/underlag.py); the book holds the links. A booked verifikation's links, its
# attest and its registrar are permanent, like its rows.
V_UNDERLAG = r"""
CREATE TABLE attachment (
    id              INTEGER PRIMARY KEY,
    voucher_id      INTEGER REFERENCES voucher (id),
    draft_id        INTEGER REFERENCES draft (id) ON DELETE CASCADE,
    sha256          TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
    file_name       TEXT NOT NULL CHECK (length(trim(file_name)) > 0),
    mime            TEXT NOT NULL CHECK (mime IN ('application/pdf', 'image/jpeg', 'image/png')),
    size            INTEGER NOT NULL CHECK (size > 0),
    added_at        TEXT NOT NULL,
    CHECK ((voucher_id IS NULL) <> (draft_id IS NULL))
);
CREATE INDEX attachment_voucher ON attachment (voucher_id) WHERE voucher_id IS NOT NULL;
CREATE INDEX attachment_draft ON attachment (draft_id) WHERE draft_id IS NOT NULL;

CREATE TRIGGER attachment_booked_no_delete BEFORE DELETE ON attachment
WHEN OLD.voucher_id IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'Underlaget till en bokförd verifikation kan inte tas bort.');
END;

CREATE TRIGGER attachment_booked_no_update BEFORE UPDATE ON attachment
WHEN OLD.voucher_id IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'Underlaget till en bokförd verifikation kan inte ändras.');
END;

-- Attestanter and their beloppsgräns per year, per the attestordning.
CREATE TABLE attestant (
    id              INTEGER PRIMARY KEY,
    year_id         INTEGER NOT NULL REFERENCES fiscal_year (id),
    name            TEXT NOT NULL CHECK (length(trim(name)) > 0),
    role            TEXT NOT NULL DEFAULT '',
    limit_ore       INTEGER CHECK (limit_ore IS NULL OR limit_ore > 0),
    UNIQUE (year_id, name)
);

-- One attest per verifikation, never changed or removed.
CREATE TABLE attest (
    voucher_id      INTEGER PRIMARY KEY REFERENCES voucher (id),
    attestant       TEXT NOT NULL CHECK (length(trim(attestant)) > 0),
    attested_at     TEXT NOT NULL
);
CREATE TRIGGER attest_no_update BEFORE UPDATE ON attest
BEGIN
    SELECT RAISE(ABORT, 'En attest kan inte ändras.');
END;
CREATE TRIGGER attest_no_delete BEFORE DELETE ON attest
BEGIN
    SELECT RAISE(ABORT, 'En attest kan inte tas bort.');
END;

-- Who registered (bokförde) a verifikation.
CREATE TABLE voucher_registrar (
    voucher_id      INTEGER PRIMARY KEY REFERENCES voucher (id),
    name            TEXT NOT NULL CHECK (length(trim(name)) > 0),
    at              TEXT NOT NULL
);
CREATE TRIGGER voucher_registrar_no_change BEFORE UPDATE ON voucher_registrar
BEGIN
    SELECT RAISE(ABORT, 'Uppgiften om vem som registrerade verifikationen kan inte ändras.');
END;
CREATE TRIGGER voucher_registrar_no_delete BEFORE DELETE ON voucher_registrar
BEGIN
    SELECT RAISE(ABORT, 'Uppgiften om vem som registrerade verifikationen kan inte ändras.');
END;

-- Leverantörsfakturor: booked as leverantörsskuld (voucher_id), paid by payment_voucher_id.
CREATE TABLE supplier_invoice (
    id                  INTEGER PRIMARY KEY,
    counterpart_id      INTEGER NOT NULL REFERENCES counterpart (id),
    invoice_number      TEXT NOT NULL CHECK (length(trim(invoice_number)) > 0),
    invoice_date        TEXT NOT NULL CHECK (date(invoice_date) = invoice_date),
    due_date            TEXT NOT NULL CHECK (date(due_date) = due_date),
    amount              INTEGER NOT NULL CHECK (amount > 0),
    project_id          INTEGER REFERENCES project (id),
    text                TEXT NOT NULL DEFAULT '',
    voucher_id          INTEGER UNIQUE REFERENCES voucher (id),
    payment_voucher_id  INTEGER REFERENCES voucher (id),
    paid_on             TEXT CHECK (paid_on IS NULL OR date(paid_on) = paid_on),
    registered_by       TEXT NOT NULL DEFAULT '',
    registered_at       TEXT NOT NULL,
    CHECK (due_date >= invoice_date),
    CHECK ((payment_voucher_id IS NULL) = (paid_on IS NULL)),
    UNIQUE (counterpart_id, invoice_number)
);
CREATE INDEX supplier_invoice_unpaid ON supplier_invoice (due_date) WHERE payment_voucher_id IS NULL;

CREATE TRIGGER supplier_invoice_booked_locked BEFORE UPDATE ON supplier_invoice
WHEN OLD.voucher_id IS NOT NULL AND (
       NEW.voucher_id IS NOT OLD.voucher_id OR NEW.counterpart_id <> OLD.counterpart_id
    OR NEW.invoice_number <> OLD.invoice_number OR NEW.invoice_date <> OLD.invoice_date
    OR NEW.amount <> OLD.amount OR NEW.project_id IS NOT OLD.project_id
    OR (OLD.payment_voucher_id IS NOT NULL AND (NEW.payment_voucher_id IS NOT OLD.payment_voucher_id
                                                OR NEW.paid_on IS NOT OLD.paid_on)))
BEGIN
    SELECT RAISE(ABORT, 'En bokförd leverantörsfaktura kan inte ändras (bara markeras som betald en gång).');
END;

CREATE TRIGGER supplier_invoice_booked_no_delete BEFORE DELETE ON supplier_invoice
WHEN OLD.voucher_id IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'En bokförd leverantörsfaktura kan inte tas bort.');
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

# Mallar (book/templates.py): recurring verifikationer saved once (hyra, löner, arvoden)
# and used with a date. Not ledger: a mall may be changed and deleted. A row's amount may
# be NULL: filled by the difference or by the user when the mall is used.
V_MALL = r"""
CREATE TABLE voucher_template (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (trim(name) <> ''),
    text            TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL
);
CREATE TABLE voucher_template_row (
    id              INTEGER PRIMARY KEY,
    template_id     INTEGER NOT NULL REFERENCES voucher_template (id) ON DELETE CASCADE,
    account         INTEGER,
    amount          INTEGER,
    project_id      INTEGER REFERENCES project (id),
    counterpart_id  INTEGER REFERENCES counterpart (id),
    text            TEXT NOT NULL DEFAULT ''
);
CREATE INDEX voucher_template_row_template ON voucher_template_row (template_id);
"""

# Objects of the dimensions other than 6 (insatser, the project table) and 20 (motparter,
# the counterpart table), as a SIE file declares them (#DIM, #UNDERDIM with its parent,
# #OBJEKT) and puts them on rows (e.g. dimension 1, kostnadsställe "100"). A booked row's
# objects are as permanent as the row: none is added to, changed on or removed from a row
# of a booked verifikation. An object used on a row keeps its dimension and code.
V_OBJEKT = r"""
CREATE TABLE object_dimension (
    number          INTEGER PRIMARY KEY CHECK (number >= 1 AND number NOT IN (6, 20)),
    name            TEXT NOT NULL DEFAULT '',
    parent          INTEGER REFERENCES object_dimension (number)
);

CREATE TABLE object (
    dim             INTEGER NOT NULL REFERENCES object_dimension (number),
    code            TEXT NOT NULL CHECK (length(trim(code)) > 0),
    name            TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (dim, code)
);

-- At most one object per dimension on a row. Written with the rows, before the header.
CREATE TABLE voucher_row_object (
    row_id          INTEGER NOT NULL REFERENCES voucher_row (id) ON DELETE CASCADE,
    dim             INTEGER NOT NULL,
    code            TEXT NOT NULL,
    PRIMARY KEY (row_id, dim),
    FOREIGN KEY (dim, code) REFERENCES object (dim, code)
) WITHOUT ROWID;

CREATE TRIGGER voucher_row_object_into_booked BEFORE INSERT ON voucher_row_object
BEGIN
    SELECT CASE
        WHEN NOT EXISTS (SELECT 1 FROM object WHERE dim = NEW.dim AND code = NEW.code)
            THEN RAISE(ABORT, 'Objektet finns inte i sin dimension.')
        WHEN EXISTS (SELECT 1 FROM voucher_row r JOIN voucher v ON v.id = r.voucher_id WHERE r.id = NEW.row_id)
            THEN RAISE(ABORT, 'Raden hör till en bokförd verifikation och kan inte få nya objekt. Gör en rättelse.')
    END;
END;

CREATE TRIGGER voucher_row_object_no_update BEFORE UPDATE ON voucher_row_object
BEGIN
    SELECT RAISE(ABORT, 'Objekten på en bokförd verifikationsrad kan inte ändras. Gör en rättelse.');
END;

CREATE TRIGGER voucher_row_object_no_delete BEFORE DELETE ON voucher_row_object
WHEN EXISTS (SELECT 1 FROM voucher_row r JOIN voucher v ON v.id = r.voucher_id WHERE r.id = OLD.row_id)
BEGIN
    SELECT RAISE(ABORT, 'Objekten på en bokförd verifikationsrad kan inte tas bort. Gör en rättelse.');
END;

CREATE TRIGGER object_used_keeps_code BEFORE UPDATE OF dim, code ON object
WHEN (OLD.dim <> NEW.dim OR OLD.code <> NEW.code)
 AND EXISTS (SELECT 1 FROM voucher_row_object WHERE dim = OLD.dim AND code = OLD.code)
BEGIN
    SELECT RAISE(ABORT, 'Objektet används i bokföringen; dimension och kod kan inte ändras.');
END;

CREATE TRIGGER object_used_no_delete BEFORE DELETE ON object
WHEN EXISTS (SELECT 1 FROM voucher_row_object WHERE dim = OLD.dim AND code = OLD.code)
BEGIN
    SELECT RAISE(ABORT, 'Objektet används i bokföringen och kan inte tas bort.');
END;

CREATE TRIGGER object_dimension_used_no_delete BEFORE DELETE ON object_dimension
WHEN EXISTS (SELECT 1 FROM object WHERE dim = OLD.number)
BEGIN
    SELECT RAISE(ABORT, 'Dimensionen har objekt och kan inte tas bort.');
END;

CREATE TRIGGER object_dimension_keeps_number BEFORE UPDATE OF number ON object_dimension
WHEN OLD.number <> NEW.number
BEGIN
    SELECT RAISE(ABORT, 'En dimensions nummer kan inte ändras.');
END;
"""

# MIGRATIONS[i] brings a book from user_version i to i + 1. Append, never edit.
MIGRATIONS: list[str] = [V1, V_BUDGET_PLAN, V_ARSREDOVISNING, V_KONTO_SEXSIFFRIG, V_BANK, V_UNDERLAG, V_SAFETY, V_MALL,
                       V_OBJEKT]

SCHEMA_VERSION = len(MIGRATIONS)
