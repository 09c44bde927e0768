-- PostgreSQL wording of 0101 (see ../0101_crossdoc_lossless.sql): also, the REAL columns
-- of 0100 are 4-byte floats here (8-byte in SQLite); make them DOUBLE PRECISION so a
-- Goldstein score or a similarity reads back as the number that was saved.
ALTER TABLE event_mentions ADD COLUMN detail_json TEXT;
ALTER TABLE article_groups ALTER COLUMN similarity TYPE DOUBLE PRECISION;
ALTER TABLE merged_events ALTER COLUMN goldstein TYPE DOUBLE PRECISION;
DELETE FROM article_groups;
DELETE FROM event_mentions;
DELETE FROM merged_events;
DELETE FROM storyline_articles;
DELETE FROM storylines;
DELETE FROM crossdoc_state;
