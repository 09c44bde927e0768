-- Each event actor row carries copies of its event's day and type (the store's writer sets
-- them), so the actor filter of `events(actor=...)` walks one index in page order,
-- (role, code, day, event_id), or with a type filter (role, code, type, day, event_id),
-- instead of probing event_actors for every event in date order.
ALTER TABLE event_actors ADD COLUMN day TEXT COLLATE "C";
ALTER TABLE event_actors ADD COLUMN type TEXT;
UPDATE event_actors x SET day = e.day, type = e.type FROM events e WHERE e.id = x.event_id;
CREATE INDEX event_actors_role_code_day ON event_actors(role, code, day, event_id);
CREATE INDEX event_actors_role_code_type_day ON event_actors(role, code, type, day, event_id);
