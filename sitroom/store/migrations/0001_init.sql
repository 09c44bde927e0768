-- sitroom store schema v1: articles, their extraction (the contract JSON) and one
-- table per record kind for querying. Offsets are Python str indices into
-- articles.text (end exclusive); booleans are 0/1; *_json columns hold JSON text.
-- SQLite-specific parts (FTS5) are at the end of this file.

CREATE TABLE sources (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE
);

-- seq is the stable integer key the full-text index points at; id is the caller's key.
CREATE TABLE articles (
    seq             INTEGER PRIMARY KEY,
    id              TEXT NOT NULL UNIQUE,
    title           TEXT,
    published       TEXT,
    published_from  TEXT,
    section         TEXT,
    source_id       INTEGER REFERENCES sources(id),
    url             TEXT,
    byline          TEXT,
    origin          TEXT,
    content_hash    TEXT,
    text            TEXT NOT NULL,
    boilerplate     TEXT NOT NULL DEFAULT '[]',
    extraction      TEXT NOT NULL,
    ingested_at     TEXT NOT NULL
);
CREATE INDEX articles_published ON articles(published, id);
CREATE INDEX articles_source ON articles(source_id);
CREATE INDEX articles_content_hash ON articles(content_hash);

CREATE TABLE entities (
    id          INTEGER PRIMARY KEY,
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    start_char  INTEGER NOT NULL,
    end_char    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    label       TEXT NOT NULL,
    actor_code  TEXT,
    actor_name  TEXT,
    sector      TEXT,
    anonymous   INTEGER NOT NULL DEFAULT 0,
    UNIQUE (article_id, idx)
);
CREATE INDEX entities_actor ON entities(actor_code);

-- Every resolved actor span of an article (entities, event/quote/proposal actors), once.
CREATE TABLE mentions (
    id          INTEGER PRIMARY KEY,
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start_char  INTEGER NOT NULL,
    end_char    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    code        TEXT NOT NULL,
    name        TEXT,
    sector      TEXT,
    anonymous   INTEGER NOT NULL DEFAULT 0,
    kind        TEXT,
    role        TEXT,
    person      TEXT,
    UNIQUE (article_id, start_char, end_char, code)
);
CREATE INDEX mentions_code ON mentions(code, article_id);

CREATE TABLE actors (
    code    TEXT PRIMARY KEY,
    name    TEXT,
    sector  TEXT,
    kind    TEXT
);

CREATE TABLE people (
    id          INTEGER PRIMARY KEY,
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    code        TEXT,
    role        TEXT
);
CREATE INDEX people_code ON people(code);
CREATE INDEX people_name ON people(name);

CREATE TABLE events (
    id              INTEGER PRIMARY KEY,
    article_id      TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx             INTEGER NOT NULL,
    type            TEXT NOT NULL,
    mode            TEXT,
    context_json    TEXT NOT NULL DEFAULT '[]',
    cameo           TEXT,
    quad_class      INTEGER,
    goldstein       REAL,
    date            TEXT,
    day             TEXT,  -- the event date, else the article's publication date (YYYY-MM-DD)
    trigger_start   INTEGER NOT NULL,
    trigger_end     INTEGER NOT NULL,
    trigger_text    TEXT NOT NULL,
    sentence_start  INTEGER NOT NULL,
    sentence_end    INTEGER NOT NULL,
    sentence_text   TEXT NOT NULL,
    negated         INTEGER NOT NULL DEFAULT 0,
    hypothetical    INTEGER NOT NULL DEFAULT 0,
    future          INTEGER NOT NULL DEFAULT 0,
    historical      INTEGER NOT NULL DEFAULT 0,
    confidence      REAL,
    location_json   TEXT,
    UNIQUE (article_id, idx)
);
CREATE INDEX events_day ON events(day, id);
CREATE INDEX events_type_day ON events(type, day);
CREATE INDEX events_quad_day ON events(quad_class, day);

CREATE TABLE event_actors (
    id          INTEGER PRIMARY KEY,
    event_id    INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    role        TEXT NOT NULL CHECK (role IN ('source', 'target')),
    idx         INTEGER NOT NULL,
    code        TEXT,
    name        TEXT,
    sector      TEXT,
    anonymous   INTEGER NOT NULL DEFAULT 0,
    start_char  INTEGER NOT NULL,
    end_char    INTEGER NOT NULL,
    text        TEXT NOT NULL
);
CREATE INDEX event_actors_code ON event_actors(code, role, event_id);
CREATE INDEX event_actors_event ON event_actors(event_id);

CREATE TABLE quotes (
    id                  INTEGER PRIMARY KEY,
    article_id          TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx                 INTEGER NOT NULL,
    kind                TEXT NOT NULL,
    content_start       INTEGER NOT NULL,
    content_end         INTEGER NOT NULL,
    content_text        TEXT NOT NULL,
    cue_start           INTEGER,
    cue_end             INTEGER,
    cue_text            TEXT,
    speaker_start       INTEGER,
    speaker_end         INTEGER,
    speaker_text        TEXT,
    speaker_code        TEXT,
    speaker_name        TEXT,
    speaker_sector      TEXT,
    speaker_anonymous   INTEGER NOT NULL DEFAULT 0,
    UNIQUE (article_id, idx)
);
CREATE INDEX quotes_speaker_code ON quotes(speaker_code);

CREATE TABLE proposals (
    id              INTEGER PRIMARY KEY,
    article_id      TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx             INTEGER NOT NULL,
    text_start      INTEGER NOT NULL,
    text_end        INTEGER NOT NULL,
    text            TEXT NOT NULL,
    by_json         TEXT NOT NULL DEFAULT '[]',
    addressee_json  TEXT NOT NULL DEFAULT '[]',
    items_json      TEXT NOT NULL DEFAULT '[]',
    UNIQUE (article_id, idx)
);

CREATE TABLE positions (
    id                  INTEGER PRIMARY KEY,
    article_id          TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx                 INTEGER NOT NULL,
    proposal_idx        INTEGER,
    stance              TEXT NOT NULL,
    holder_start        INTEGER NOT NULL,
    holder_end          INTEGER NOT NULL,
    holder_text         TEXT NOT NULL,
    holder_code         TEXT,
    holder_name         TEXT,
    holder_sector       TEXT,
    holder_anonymous    INTEGER NOT NULL DEFAULT 0,
    evidence_start      INTEGER NOT NULL,
    evidence_end        INTEGER NOT NULL,
    evidence_text       TEXT NOT NULL,
    UNIQUE (article_id, idx)
);
CREATE INDEX positions_holder ON positions(holder_code);
CREATE INDEX positions_proposal ON positions(article_id, proposal_idx);

CREATE TABLE quantities (
    id          INTEGER PRIMARY KEY,
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    start_char  INTEGER NOT NULL,
    end_char    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    value       REAL NOT NULL,
    high        REAL,
    unit        TEXT NOT NULL,
    approx      TEXT NOT NULL,
    of_start    INTEGER,
    of_end      INTEGER,
    of_text     TEXT,
    UNIQUE (article_id, idx)
);
CREATE INDEX quantities_unit ON quantities(unit);

CREATE TABLE times (
    id          INTEGER PRIMARY KEY,
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    start_char  INTEGER NOT NULL,
    end_char    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    value       TEXT NOT NULL,
    granularity TEXT NOT NULL,
    anchored    INTEGER NOT NULL DEFAULT 0,
    UNIQUE (article_id, idx)
);
CREATE INDEX times_value ON times(value);

CREATE TABLE places (
    id          INTEGER PRIMARY KEY,
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    start_char  INTEGER NOT NULL,
    end_char    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    name        TEXT,
    country     TEXT,
    lat         REAL,
    lon         REAL,
    geonames_id INTEGER,
    feature     TEXT,
    UNIQUE (article_id, idx)
);
CREATE INDEX places_country ON places(country);

-- SQLite only: full-text index over title and text, content kept in articles.
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='seq',
    tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
