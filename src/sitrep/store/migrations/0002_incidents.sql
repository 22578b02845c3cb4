-- sitrep event store, schema 2: the incident layer (sitrep.incidents).
-- Reports are events filed for linking (their compact features as JSON), with their blocking
-- keys and their place in an incident (root = the incident's root event id). Incidents are
-- stored whole (JSON) beside the columns listings filter on. Analyst decisions name reports by
-- article and trigger span, so they survive re-extraction. No foreign keys to events: when an
-- article is extracted again its events are replaced, and the incident layer is updated from
-- the new extraction result (IncidentEngine.update).
-- Plain SQL types and ON CONFLICT upserts only, so that a PostgreSQL schema can mirror it.

CREATE TABLE incident_reports (
    event_id   TEXT PRIMARY KEY,
    article_id TEXT NOT NULL,
    kind       TEXT NOT NULL,                 -- anchor | coarse | background | loose
    features   TEXT NOT NULL,                 -- sitrep.incidents.features.ReportFeatures (JSON)
    root       TEXT,                          -- root event id of its incident; NULL: none
    stage      TEXT NOT NULL DEFAULT '',      -- anchor | attached | coarse | loose | unlinked
    updated_at TEXT NOT NULL
);
CREATE INDEX incident_reports_article ON incident_reports (article_id);
CREATE INDEX incident_reports_root ON incident_reports (root);

CREATE TABLE incident_blocks (
    block    TEXT NOT NULL,                   -- place token @ day, e.g. c:MLI@2024-08-25
    event_id TEXT NOT NULL,
    PRIMARY KEY (block, event_id)
);
CREATE INDEX incident_blocks_event ON incident_blocks (event_id);

CREATE TABLE incidents (
    id              TEXT PRIMARY KEY,         -- inc-<root event id>
    root            TEXT NOT NULL UNIQUE,
    event_type      TEXT NOT NULL,
    sub_event_type  TEXT NOT NULL,
    date_start      TEXT,
    date_end        TEXT,
    date_precision  TEXT,
    sort_date       TEXT NOT NULL DEFAULT '', -- representative day, '' when unknown
    country_iso3    TEXT,
    admin1          TEXT,
    location_name   TEXT,
    latitude        REAL,
    longitude       REAL,
    where_prec      INTEGER,
    fatalities      INTEGER NOT NULL DEFAULT 0, -- ACLED-style conservative figure
    fatalities_low  INTEGER,
    fatalities_best INTEGER,
    fatalities_high INTEGER,
    contested       INTEGER NOT NULL DEFAULT 0,
    grade           TEXT NOT NULL,
    n_reports       INTEGER NOT NULL,
    n_sources       INTEGER NOT NULL,
    summary         TEXT NOT NULL DEFAULT '',
    json            TEXT NOT NULL,            -- sitrep.incidents.records.Incident
    updated_at      TEXT NOT NULL
);
CREATE INDEX incidents_sort ON incidents (sort_date, id);
CREATE INDEX incidents_country_sort ON incidents (country_iso3, sort_date);
CREATE INDEX incidents_type ON incidents (event_type, sort_date);

CREATE TABLE incident_aliases (
    old_id TEXT PRIMARY KEY,                  -- an incident id that no longer exists
    new_id TEXT NOT NULL                      -- the incident most of its reports are now in
);
CREATE INDEX incident_aliases_new ON incident_aliases (new_id);

CREATE TABLE incident_overrides (
    id             INTEGER PRIMARY KEY,
    kind           TEXT NOT NULL,             -- must_link | cannot_link
    first_article  TEXT NOT NULL,
    first_start    INTEGER NOT NULL,
    first_end      INTEGER NOT NULL,
    first_event    TEXT NOT NULL,
    second_article TEXT NOT NULL,
    second_start   INTEGER NOT NULL,
    second_end     INTEGER NOT NULL,
    second_event   TEXT NOT NULL,
    note           TEXT NOT NULL DEFAULT '',
    active         INTEGER NOT NULL DEFAULT 1,
    replaced_by    INTEGER,                   -- the decision that withdrew this one (a merge)
    created_at     TEXT NOT NULL
);
CREATE INDEX incident_overrides_first ON incident_overrides (first_article);
CREATE INDEX incident_overrides_second ON incident_overrides (second_article);
