-- Cross-document results read back as the records that were saved: each event mention
-- keeps what it says (actor codes, names and sectors, CAMEO code, quad class, Goldstein
-- score, url, place) in detail_json, not only the event's first mention in first_json.
-- Results saved before lack it: they are cleared, and `sitroom link` saves them again.
ALTER TABLE event_mentions ADD COLUMN detail_json TEXT;
DELETE FROM article_groups;
DELETE FROM event_mentions;
DELETE FROM merged_events;
DELETE FROM storyline_articles;
DELETE FROM storylines;
DELETE FROM crossdoc_state;
