-- An article's identity is the id it was given together with its source, not the id
-- alone: `given_id` keeps the id as read (the same id from two sources keeps both; a
-- changed text under the same id and source is stored as a new version or refused, per
-- the `changed_text` setting). `id` stays the store's unique key that other tables
-- reference; it equals `given_id` unless that key was taken (then `id@source` or
-- `id~<hash>`). Rows stored before this migration keep their id as given_id.
ALTER TABLE articles ADD COLUMN given_id TEXT;
UPDATE articles SET given_id = id;
CREATE INDEX articles_given_id ON articles(given_id, source_id);
