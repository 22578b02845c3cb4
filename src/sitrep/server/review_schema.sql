-- sitrep analyst review: corrections kept as overrides, event review status, the audit log, and a
-- queue of re-extracted events whose overrides must be applied again. Applied by
-- sitrep.server.review.ensure_review_schema (idempotent: IF NOT EXISTS everywhere); the lead may
-- move it into a numbered store migration unchanged.

-- One corrected field of one event. The key that survives re-extraction is the article's content
-- hash plus the event's anchor (its first type-evidence span, the trigger the event id is made
-- from); event_id is rebound when a re-extracted event gets a new id.
CREATE TABLE IF NOT EXISTS review_overrides (
    pk           INTEGER PRIMARY KEY,
    event_id     TEXT NOT NULL,
    article_id   TEXT NOT NULL,
    anchor_start INTEGER,
    anchor_end   INTEGER,
    field        TEXT NOT NULL,                   -- 'fatalities.best', 'sub_event_type', ...
    value        TEXT NOT NULL,                   -- JSON of the analyst's value
    original     TEXT NOT NULL,                   -- JSON of the extractor's value it replaces
    author       TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    UNIQUE (event_id, field)
);
CREATE INDEX IF NOT EXISTS review_overrides_article ON review_overrides (article_id);

-- Confirmed or rejected events (absent: not reviewed). Rejected events leave the default views.
CREATE TABLE IF NOT EXISTS review_status (
    event_id     TEXT PRIMARY KEY,
    article_id   TEXT NOT NULL,
    anchor_start INTEGER,
    anchor_end   INTEGER,
    status       TEXT NOT NULL,                   -- confirmed | rejected
    author       TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS review_status_article ON review_status (article_id);

-- Every analyst action: who, when, what, the value before and after.
CREATE TABLE IF NOT EXISTS review_audit (
    pk          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    author      TEXT NOT NULL,
    action      TEXT NOT NULL,                    -- confirm | reject | reopen | correct | revert | split | merge
    target_kind TEXT NOT NULL,                    -- event | incident
    target_id   TEXT NOT NULL,
    article_id  TEXT,
    field       TEXT,
    before      TEXT,                             -- JSON
    after       TEXT,                             -- JSON
    note        TEXT
);
CREATE INDEX IF NOT EXISTS review_audit_target ON review_audit (target_id, pk);

-- Events stored again (re-extraction) for an article that has reviews: their overrides are applied
-- by the next reader (sitrep.server.review.apply_pending) in its own transaction.
CREATE TABLE IF NOT EXISTS review_pending (event_pk INTEGER PRIMARY KEY);
CREATE TRIGGER IF NOT EXISTS review_events_ai AFTER INSERT ON events
WHEN EXISTS (SELECT 1 FROM review_overrides WHERE article_id = new.article_id)
  OR EXISTS (SELECT 1 FROM review_status WHERE article_id = new.article_id)
BEGIN
    INSERT OR IGNORE INTO review_pending (event_pk) VALUES (new.pk);
END;

-- Sorting the event table by toll (keyset pages need the pk beside it).
CREATE INDEX IF NOT EXISTS events_fatalities_pk ON events (fatalities, pk);
CREATE INDEX IF NOT EXISTS events_country_fatalities ON events (country_iso3, fatalities, pk);
