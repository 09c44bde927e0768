-- Cross-document results (sitroom.crossdoc): near-duplicate groups, merged events
-- and their mentions (the GDELT Events/Mentions split), storylines. Derived data:
-- `sitroom link` rebuilds all of it in one transaction; *_json columns hold JSON text.

CREATE TABLE IF NOT EXISTS crossdoc_state (
    key     TEXT PRIMARY KEY,
    value   TEXT NOT NULL
);

-- An article with a near-duplicate; group_id is the smallest article id of its group.
CREATE TABLE IF NOT EXISTS article_groups (
    article_id  TEXT PRIMARY KEY,
    group_id    TEXT NOT NULL,
    similarity  REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS article_groups_group ON article_groups(group_id);

CREATE TABLE IF NOT EXISTS merged_events (
    id              TEXT PRIMARY KEY,
    type            TEXT NOT NULL,
    date            TEXT,
    sources_json    TEXT NOT NULL,
    targets_json    TEXT NOT NULL,
    cameo           TEXT,
    quad_class      INTEGER,
    goldstein       REAL,
    first_seen      TEXT,
    num_mentions    INTEGER NOT NULL,
    num_articles    INTEGER NOT NULL,
    num_sources     INTEGER NOT NULL,
    first_json      TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS merged_events_date ON merged_events(date, id);

CREATE TABLE IF NOT EXISTS event_mentions (
    event_id        TEXT NOT NULL,
    pos             INTEGER NOT NULL,   -- 0 = the first mention
    article_id      TEXT NOT NULL,
    idx             INTEGER NOT NULL,
    source          TEXT NOT NULL,
    published       TEXT,
    date            TEXT,
    trigger_start   INTEGER NOT NULL,
    trigger_end     INTEGER NOT NULL,
    trigger_text    TEXT NOT NULL,
    sentence_start  INTEGER NOT NULL,
    sentence_end    INTEGER NOT NULL,
    sentence_text   TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX IF NOT EXISTS event_mentions_event ON event_mentions(event_id);

CREATE TABLE IF NOT EXISTS storylines (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    first_date  TEXT,
    last_date   TEXT,
    actors_json TEXT NOT NULL,
    terms_json  TEXT NOT NULL,
    size        INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS storyline_articles (
    storyline_id    TEXT NOT NULL,
    article_id      TEXT NOT NULL,
    PRIMARY KEY (storyline_id, article_id)
);
CREATE INDEX IF NOT EXISTS storyline_articles_article ON storyline_articles(article_id);
