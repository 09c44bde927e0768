-- Records are lossless: every table that keeps an actor keeps all of it, including
-- what kind of actor it is (state, igo, person, group, anonymous), a person's role and
-- canonical name (records.Actor.kind/role/person; see store/rows.py ACTOR_COLUMNS).
-- Rows stored before this migration were written from extractions that had dropped
-- these fields, so there is nothing to fill in: they stay NULL.
ALTER TABLE entities ADD COLUMN actor_kind TEXT;
ALTER TABLE entities ADD COLUMN actor_role TEXT;
ALTER TABLE entities ADD COLUMN actor_person TEXT;
ALTER TABLE event_actors ADD COLUMN kind TEXT;
ALTER TABLE event_actors ADD COLUMN actor_role TEXT;
ALTER TABLE event_actors ADD COLUMN person TEXT;
ALTER TABLE quotes ADD COLUMN speaker_kind TEXT;
ALTER TABLE quotes ADD COLUMN speaker_role TEXT;
ALTER TABLE quotes ADD COLUMN speaker_person TEXT;
ALTER TABLE positions ADD COLUMN holder_kind TEXT;
ALTER TABLE positions ADD COLUMN holder_role TEXT;
ALTER TABLE positions ADD COLUMN holder_person TEXT;
