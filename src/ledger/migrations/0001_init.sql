-- smartspend ledger schema, version 1.
-- Money is integer minor units (cents) with an ISO 4217 currency code; never a float.
-- Dates are ISO 8601 text (YYYY-MM-DD); times are UTC RFC 3339 text.

CREATE TABLE accounts (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
    currency    TEXT NOT NULL DEFAULT '',          -- ISO 4217; '' until the first import says
    kind        TEXT NOT NULL DEFAULT 'bank'
                CHECK (kind IN ('bank', 'credit', 'cash', 'savings', 'other')),
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- One row per `smartspend import` run; undoing an import deletes its transactions.
CREATE TABLE imports (
    id              INTEGER PRIMARY KEY,
    account_id      INTEGER NOT NULL REFERENCES accounts(id),
    file_name       TEXT NOT NULL,
    file_sha256     TEXT NOT NULL,
    profile         TEXT NOT NULL,
    rows_read       INTEGER NOT NULL DEFAULT 0,
    rows_imported   INTEGER NOT NULL DEFAULT 0,
    rows_duplicate  INTEGER NOT NULL DEFAULT 0,
    rows_invalid    INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX imports_by_file ON imports(file_sha256);

CREATE TABLE categories (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
    kind        TEXT NOT NULL DEFAULT 'expense'
                CHECK (kind IN ('expense', 'income', 'transfer')),
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- Categorization rules, written by the user or created by a correction.
CREATE TABLE rules (
    id          INTEGER PRIMARY KEY,
    pattern     TEXT NOT NULL,
    match_kind  TEXT NOT NULL
                CHECK (match_kind IN ('substring', 'word', 'regex', 'merchant')),
    category_id INTEGER NOT NULL REFERENCES categories(id) ON DELETE CASCADE,
    amount_min  INTEGER,                           -- minor units, inclusive
    amount_max  INTEGER,                           -- minor units, inclusive
    direction   TEXT CHECK (direction IN ('in', 'out')),
    account_id  INTEGER REFERENCES accounts(id) ON DELETE CASCADE,
    priority    INTEGER NOT NULL DEFAULT 0,
    origin      TEXT NOT NULL DEFAULT 'user'
                CHECK (origin IN ('user', 'correction', 'import')),
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE transactions (
    id               INTEGER PRIMARY KEY,
    account_id       INTEGER NOT NULL REFERENCES accounts(id),
    import_id        INTEGER REFERENCES imports(id) ON DELETE CASCADE,  -- NULL: added by hand
    date             TEXT NOT NULL,                -- booking date, YYYY-MM-DD
    value_date       TEXT,
    amount           INTEGER NOT NULL,             -- minor units; negative = money out
    currency         TEXT NOT NULL,                -- ISO 4217
    balance          INTEGER,                      -- running balance after this row, if given
    description      TEXT NOT NULL,                -- as the bank wrote it, spaces collapsed
    description_raw  TEXT,                         -- the uncleaned text, when it differs
    merchant_key     TEXT NOT NULL DEFAULT '',     -- normalized merchant, for rules/model/AI
    bank_ref         TEXT,                         -- the bank's own id for the row
    note             TEXT,
    category_id      INTEGER REFERENCES categories(id) ON DELETE SET NULL,
    -- manual, rule, learned, lexicon or ai. (Checked in code: a CHECK with IN (...)
    -- builds a temporary index for every inserted row, which halves import speed.)
    category_source  TEXT,
    rule_id          INTEGER REFERENCES rules(id) ON DELETE SET NULL,
    confidence       REAL,                         -- 0..1, of the categorization (not money)
    fingerprint      BLOB NOT NULL UNIQUE,         -- dedup key, see import
    raw_line         TEXT                          -- the source row, for `tx show`
);
-- Few indexes on purpose: each one costs every imported row. Reports select by date;
-- dedup goes through the fingerprint's unique index. Per-account, per-merchant and
-- per-import work scans (`imports undo` and `imports list` are rare).
CREATE INDEX transactions_by_date ON transactions(date);

-- What the learned model trains on: how often each merchant key (and direction of the
-- amount) was put in each category by hand ('manual') or by a rule ('rule'). Kept up to
-- date by the triggers below on updates and deletes, and by the code that inserts
-- transactions (the importer in one batch: an insert trigger would make every imported row
-- pay for a statement journal), so that loading the model never scans the transactions.
CREATE TABLE merchant_stats (
    merchant_key  TEXT NOT NULL,
    outflow       INTEGER NOT NULL,                -- 1: money out, 0: money in
    category_id   INTEGER NOT NULL REFERENCES categories(id) ON DELETE CASCADE,
    source        TEXT NOT NULL,                   -- manual or rule
    count         INTEGER NOT NULL,
    PRIMARY KEY (merchant_key, outflow, category_id, source)
) WITHOUT ROWID;

CREATE TRIGGER merchant_stats_delete AFTER DELETE ON transactions
WHEN OLD.category_id IS NOT NULL AND (OLD.category_source = 'manual' OR OLD.category_source = 'rule')
BEGIN
    UPDATE merchant_stats SET count = count - 1
    WHERE merchant_key = OLD.merchant_key AND outflow = (OLD.amount < 0)
      AND category_id = OLD.category_id AND source = OLD.category_source;
    DELETE FROM merchant_stats
    WHERE merchant_key = OLD.merchant_key AND outflow = (OLD.amount < 0)
      AND category_id = OLD.category_id AND source = OLD.category_source AND count <= 0;
END;

CREATE TRIGGER merchant_stats_update AFTER UPDATE OF category_id, category_source, merchant_key, amount ON transactions
BEGIN
    UPDATE merchant_stats SET count = count - 1
    WHERE OLD.category_id IS NOT NULL AND (OLD.category_source = 'manual' OR OLD.category_source = 'rule')
      AND merchant_key = OLD.merchant_key AND outflow = (OLD.amount < 0)
      AND category_id = OLD.category_id AND source = OLD.category_source;
    DELETE FROM merchant_stats
    WHERE merchant_key = OLD.merchant_key AND outflow = (OLD.amount < 0)
      AND category_id = OLD.category_id AND source = OLD.category_source AND count <= 0;
    INSERT INTO merchant_stats
    SELECT NEW.merchant_key, NEW.amount < 0, NEW.category_id, NEW.category_source, 1
    WHERE NEW.category_id IS NOT NULL AND (NEW.category_source = 'manual' OR NEW.category_source = 'rule')
    ON CONFLICT DO UPDATE SET count = count + 1;
END;

-- Imported transactions the user deleted with `tx delete`: a later import of the same
-- statement skips them. (`imports undo` forgets rows without remembering them here.)
CREATE TABLE deleted_fingerprints (
    fingerprint  BLOB PRIMARY KEY
) WITHOUT ROWID;

-- Sums per month, account and currency: what reports read instead of every transaction.
-- `entries` packs the sums of each merchant and category (see ledger/stats.rs): a large
-- import writes a few rows per month, not one per merchant. The import merges its sums
-- in; every other change is appended to month_stats_changes (by the triggers below, and
-- by `tx add`), which readers add on top until it is folded in.
CREATE TABLE month_stats (
    month       TEXT NOT NULL,                   -- YYYY-MM
    account_id  INTEGER NOT NULL,
    currency    TEXT NOT NULL,
    entries     BLOB NOT NULL,
    PRIMARY KEY (month, account_id, currency)
);

CREATE TABLE month_stats_changes (
    sign          INTEGER NOT NULL,              -- 1: the row counts, -1: it no longer does
    date          TEXT NOT NULL,
    account_id    INTEGER NOT NULL,
    currency      TEXT NOT NULL,
    category_id   INTEGER NOT NULL,              -- 0: none
    merchant_key  TEXT NOT NULL,
    amount        INTEGER NOT NULL,
    tx_id         INTEGER NOT NULL
);

CREATE TRIGGER month_stats_delete AFTER DELETE ON transactions
BEGIN
    INSERT INTO month_stats_changes VALUES (-1, OLD.date, OLD.account_id, OLD.currency,
        coalesce(OLD.category_id, 0), OLD.merchant_key, OLD.amount, OLD.id);
END;

CREATE TRIGGER month_stats_update
AFTER UPDATE OF date, amount, currency, account_id, category_id, merchant_key ON transactions
WHEN OLD.date IS NOT NEW.date OR OLD.amount IS NOT NEW.amount OR OLD.currency IS NOT NEW.currency
  OR OLD.account_id IS NOT NEW.account_id OR OLD.category_id IS NOT NEW.category_id
  OR OLD.merchant_key IS NOT NEW.merchant_key
BEGIN
    INSERT INTO month_stats_changes VALUES (-1, OLD.date, OLD.account_id, OLD.currency,
        coalesce(OLD.category_id, 0), OLD.merchant_key, OLD.amount, OLD.id),
        (1, NEW.date, NEW.account_id, NEW.currency, coalesce(NEW.category_id, 0),
        NEW.merchant_key, NEW.amount, NEW.id);
END;

-- Remote AI answers, asked once per merchant key, provider and model.
CREATE TABLE ai_cache (
    merchant_key  TEXT NOT NULL,
    provider      TEXT NOT NULL,
    model         TEXT NOT NULL,
    category      TEXT,                            -- NULL: the provider had no answer
    confidence    REAL,
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    PRIMARY KEY (merchant_key, provider, model)
) WITHOUT ROWID;

-- Monthly budgets; month '' means every month, 'YYYY-MM' that month only.
CREATE TABLE budgets (
    id           INTEGER PRIMARY KEY,
    category_id  INTEGER NOT NULL REFERENCES categories(id) ON DELETE CASCADE,
    month        TEXT NOT NULL DEFAULT '',
    amount       INTEGER NOT NULL CHECK (amount >= 0),  -- minor units
    currency     TEXT NOT NULL,
    UNIQUE (category_id, month, currency)
);

-- Coaching reports, one per month.
CREATE TABLE coach_reports (
    id          INTEGER PRIMARY KEY,
    month       TEXT NOT NULL UNIQUE,              -- YYYY-MM
    source      TEXT NOT NULL CHECK (source IN ('llm', 'builtin')),
    model       TEXT,
    facts_json  TEXT NOT NULL,
    body        TEXT NOT NULL,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- Small state that belongs to the ledger (e.g. the learned model's version).
CREATE TABLE meta (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) WITHOUT ROWID;

INSERT INTO categories (name, kind) VALUES
    ('Groceries', 'expense'),
    ('Dining', 'expense'),
    ('Transport', 'expense'),
    ('Fuel', 'expense'),
    ('Utilities', 'expense'),
    ('Rent/Mortgage', 'expense'),
    ('Income', 'income'),
    ('Subscriptions', 'expense'),
    ('Shopping', 'expense'),
    ('Health', 'expense'),
    ('Travel', 'expense'),
    ('Entertainment', 'expense'),
    ('Education', 'expense'),
    ('Insurance', 'expense'),
    ('Fees', 'expense'),
    ('Cash', 'expense'),
    ('Transfers', 'transfer'),
    ('Gifts/Donations', 'expense'),
    ('Personal Care', 'expense'),
    ('Home', 'expense');
