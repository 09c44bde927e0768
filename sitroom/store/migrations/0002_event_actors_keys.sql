-- Each event actor row carries copies of its event's day and type, so the actor filter of
-- `events(actor=...)` walks one index in page order, (role, code, day, event_id), or with a
-- type filter (role, code, type, day, event_id), instead of probing event_actors for every
-- event in date order (a rare actor paged past its last match scanned every event).
ALTER TABLE event_actors ADD COLUMN day TEXT;
ALTER TABLE event_actors ADD COLUMN type TEXT;
UPDATE event_actors SET (day, type) = (SELECT e.day, e.type FROM events e WHERE e.id = event_actors.event_id);
CREATE INDEX event_actors_role_code_day ON event_actors(role, code, day, event_id);
CREATE INDEX event_actors_role_code_type_day ON event_actors(role, code, type, day, event_id);

-- The store's writer sets both; rows inserted another way (bulk loads) get them here.
CREATE TRIGGER event_actors_keys_insert AFTER INSERT ON event_actors WHEN NEW.type IS NULL BEGIN
    UPDATE event_actors SET (day, type) = (SELECT e.day, e.type FROM events e WHERE e.id = NEW.event_id)
    WHERE id = NEW.id;
END;
CREATE TRIGGER events_keys_update AFTER UPDATE OF day, type ON events BEGIN
    UPDATE event_actors SET day = NEW.day, type = NEW.type WHERE event_id = NEW.id;
END;
