-- Incremental linking (sitroom.crossdoc.link): what `sitroom link` keeps of each article it
-- has linked, so the next run reads only the new ones; merged proposals across articles and
-- the stances toward them. Written in SQL both backends accept (DOUBLE
-- PRECISION is a REAL in SQLite). Results saved before have no per-article state: they are
-- cleared, and the next `sitroom link` rebuilds them.

-- One row per linked article: its day, MinHash signature (hex, NULL for an empty text) and
-- storyline profile (JSON).
CREATE TABLE IF NOT EXISTS linked_articles (
    article_id      TEXT PRIMARY KEY,
    day             TEXT,
    signature       TEXT,
    profile_json    TEXT NOT NULL
);

-- Where the storyline pass stopped (sitroom.crossdoc.storylines.Resume, JSON): one row.
CREATE TABLE IF NOT EXISTS storyline_resume (
    id          INTEGER PRIMARY KEY,
    state_json  TEXT NOT NULL
);

-- The LSH buckets (band number + band hash) of each signature: near-duplicate candidates
-- are the articles sharing a bucket.
CREATE TABLE IF NOT EXISTS minhash_buckets (
    bucket      TEXT NOT NULL,
    article_id  TEXT NOT NULL,
    PRIMARY KEY (bucket, article_id)
);

-- event mentions are looked up by day when new mentions are merged
CREATE INDEX IF NOT EXISTS event_mentions_date ON event_mentions(date);
CREATE INDEX IF NOT EXISTS linked_articles_day ON linked_articles(day);

CREATE TABLE IF NOT EXISTS merged_proposals (
    id                  TEXT PRIMARY KEY,
    name                TEXT NOT NULL,
    first_date          TEXT,
    last_date           TEXT,
    authors_json        TEXT NOT NULL,
    author_names_json   TEXT NOT NULL,
    items_json          TEXT NOT NULL,
    num_mentions        INTEGER NOT NULL,
    num_articles        INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS proposal_mentions (
    article_id          TEXT NOT NULL,
    idx                 INTEGER NOT NULL,
    proposal_id         TEXT NOT NULL,
    day                 TEXT,
    published           TEXT,
    authors_json        TEXT NOT NULL,
    author_names_json   TEXT NOT NULL,
    text_start          INTEGER NOT NULL,
    text_end            INTEGER NOT NULL,
    text                TEXT NOT NULL,
    items_json          TEXT NOT NULL,
    terms_json          TEXT NOT NULL,
    names_json          TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX IF NOT EXISTS proposal_mentions_day ON proposal_mentions(day);
CREATE INDEX IF NOT EXISTS proposal_mentions_proposal ON proposal_mentions(proposal_id);

CREATE TABLE IF NOT EXISTS proposal_stances (
    article_id      TEXT NOT NULL,
    idx             INTEGER NOT NULL,
    proposal_idx    INTEGER NOT NULL,
    holder          TEXT,               -- actor code; NULL when not resolved
    holder_name     TEXT,
    stance          TEXT NOT NULL,
    evidence_start  INTEGER NOT NULL,
    evidence_end    INTEGER NOT NULL,
    evidence_text   TEXT NOT NULL,
    published       TEXT,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX IF NOT EXISTS proposal_stances_proposal ON proposal_stances(article_id, proposal_idx);

DELETE FROM article_groups;
DELETE FROM event_mentions;
DELETE FROM merged_events;
DELETE FROM storyline_articles;
DELETE FROM storylines;
DELETE FROM crossdoc_state;
