-- sitrep event store, schema 1: articles, events (full JSON + indexed columns), the actors of each
-- event, failures, and full-text search over article text and event summaries.
-- Later schemas (an incidents layer, review actions) come as new numbered files; never edit this
-- one after it has shipped.

CREATE TABLE articles (
    pk                  INTEGER PRIMARY KEY,
    id                  TEXT NOT NULL UNIQUE,        -- content hash (sitrep.pipeline.clean.article_id)
    url                 TEXT,
    title               TEXT,
    source              TEXT,
    published           TEXT,                        -- ISO text at its precision: 2024-08-26, 2024-08
    published_precision TEXT,
    published_start     TEXT,
    published_end       TEXT,
    language            TEXT NOT NULL,
    origin              TEXT,                        -- file, file:line or stdin it was read from
    fetched_at          TEXT,
    text                TEXT NOT NULL,
    status              TEXT NOT NULL,               -- extracted | unsupported_language | failed
    n_events            INTEGER NOT NULL DEFAULT 0,
    ingested_at         TEXT NOT NULL
);
CREATE INDEX articles_published ON articles (published_start);
CREATE INDEX articles_status ON articles (status);

CREATE TABLE events (
    pk                 INTEGER PRIMARY KEY,
    id                 TEXT NOT NULL UNIQUE,
    article_pk         INTEGER NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
    article_id         TEXT NOT NULL,
    role               TEXT NOT NULL,                -- reported | background
    event_type         TEXT NOT NULL,
    sub_event_type     TEXT NOT NULL,
    disorder_type      TEXT,
    civilian_targeting INTEGER NOT NULL DEFAULT 0,
    date_start         TEXT,
    date_end           TEXT,
    date_precision     TEXT,
    sort_date          TEXT NOT NULL DEFAULT '',     -- representative day, '' when unknown
    country_iso3       TEXT,
    country            TEXT,
    admin1             TEXT,
    admin2             TEXT,
    location_name      TEXT,
    latitude           REAL,
    longitude          REAL,
    geo_precision      INTEGER,
    actor1             TEXT,
    actor2             TEXT,
    inter1             INTEGER,
    inter2             INTEGER,
    interaction        INTEGER,
    actor_names        TEXT NOT NULL DEFAULT '',     -- every actor, '; ' separated (for search)
    fatalities         INTEGER NOT NULL DEFAULT 0,   -- ACLED-style conservative figure
    fatalities_low     INTEGER,
    fatalities_best    INTEGER,
    fatalities_high    INTEGER,
    confidence         REAL,
    summary            TEXT NOT NULL DEFAULT '',
    json               TEXT NOT NULL,                -- the full sitrep.model.Event
    stored_at          TEXT NOT NULL
);
CREATE INDEX events_article ON events (article_pk);
CREATE INDEX events_sort ON events (sort_date, pk);
CREATE INDEX events_country_sort ON events (country_iso3, sort_date, pk);
CREATE INDEX events_type ON events (event_type, sort_date);
CREATE INDEX events_sub_type ON events (sub_event_type, sort_date);
CREATE INDEX events_date ON events (date_start, date_end);
CREATE INDEX events_admin1 ON events (admin1 COLLATE NOCASE);
CREATE INDEX events_lat_lon ON events (latitude, longitude);
-- No index on role: two values, and such an index makes SQLite sort every reported event
-- instead of walking events_sort (measured: 230 ms instead of 9 ms for a page of 100,000).

CREATE TABLE event_actors (
    event_pk INTEGER NOT NULL REFERENCES events (pk) ON DELETE CASCADE,
    slot     TEXT NOT NULL,                          -- actor1 | assoc_actor_1 | actor2 | assoc_actor_2
    name     TEXT NOT NULL,
    actor_id TEXT,
    inter    INTEGER
);
CREATE INDEX event_actors_event ON event_actors (event_pk);
CREATE INDEX event_actors_name ON event_actors (name COLLATE NOCASE);
CREATE INDEX event_actors_id ON event_actors (actor_id);

CREATE TABLE failures (
    pk         INTEGER PRIMARY KEY,
    origin     TEXT NOT NULL,                        -- file, file:line or stdin
    article_id TEXT,                                 -- set when the article itself was stored
    code       TEXT NOT NULL,                        -- error code of sitrep.errors
    message    TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (origin, code)
);
CREATE INDEX failures_article ON failures (article_id);

CREATE VIRTUAL TABLE article_fts USING fts5 (title, text, content = 'articles', content_rowid = 'pk');
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO article_fts (rowid, title, text) VALUES (new.pk, new.title, new.text);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO article_fts (article_fts, rowid, title, text) VALUES ('delete', old.pk, old.title, old.text);
END;
CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO article_fts (article_fts, rowid, title, text) VALUES ('delete', old.pk, old.title, old.text);
    INSERT INTO article_fts (rowid, title, text) VALUES (new.pk, new.title, new.text);
END;

CREATE VIRTUAL TABLE event_fts USING fts5 (
    summary, actor_names, location_name, content = 'events', content_rowid = 'pk'
);
CREATE TRIGGER events_ai AFTER INSERT ON events BEGIN
    INSERT INTO event_fts (rowid, summary, actor_names, location_name)
    VALUES (new.pk, new.summary, new.actor_names, new.location_name);
END;
CREATE TRIGGER events_ad AFTER DELETE ON events BEGIN
    INSERT INTO event_fts (event_fts, rowid, summary, actor_names, location_name)
    VALUES ('delete', old.pk, old.summary, old.actor_names, old.location_name);
END;
CREATE TRIGGER events_au AFTER UPDATE OF summary, actor_names, location_name ON events BEGIN
    INSERT INTO event_fts (event_fts, rowid, summary, actor_names, location_name)
    VALUES ('delete', old.pk, old.summary, old.actor_names, old.location_name);
    INSERT INTO event_fts (rowid, summary, actor_names, location_name)
    VALUES (new.pk, new.summary, new.actor_names, new.location_name);
END;
