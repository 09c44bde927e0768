-- The sort keys of event lists (store/query.py EVENT_SORTS) each walk an index, so a
-- page sorted by confidence, Goldstein score, type or quad class, newest or oldest
-- first, is read in order instead of sorting every event (day has events_day).
CREATE INDEX IF NOT EXISTS events_confidence ON events(confidence, id);
CREATE INDEX IF NOT EXISTS events_goldstein ON events(goldstein, id);
CREATE INDEX IF NOT EXISTS events_type_id ON events(type, id);
CREATE INDEX IF NOT EXISTS events_quad_id ON events(quad_class, id);
