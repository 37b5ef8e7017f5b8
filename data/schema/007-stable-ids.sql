-- Schema version 7: lasting identifiers, so that a patient's practice can be
-- merged into the therapist's database and the same session is the same row
-- wherever it goes (importing a file twice adds nothing).
--
-- uuid: a random (version 4) UUID, given to every profile and session when
-- it is made, and here to every existing one. gmi_uuid() is the trainer's
-- own SQL function (random bytes from libsodium); a connection without it
-- must give the uuid itself. SQLite cannot add a column whose default is a
-- function, so both tables are rebuilt with their rows and ids kept, so
-- settings, trials and steps still point at them. Trials and steps belong to
-- their session, settings to their profile, and need no identifier of
-- their own.
CREATE TABLE profiles_v7 (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    affected_limbs TEXT NOT NULL DEFAULT 'hands'
        CHECK (affected_limbs IN ('hands', 'feet', 'both')),
    affected_side TEXT NOT NULL DEFAULT 'both' CHECK (affected_side IN ('left', 'right', 'both')),
    stage INTEGER NOT NULL DEFAULT 1 CHECK (stage BETWEEN 1 AND 3),
    notes TEXT NOT NULL DEFAULT '',
    uuid TEXT NOT NULL UNIQUE DEFAULT (gmi_uuid())
);
INSERT INTO profiles_v7 (id, name, created_at, affected_limbs, affected_side, stage, notes)
    SELECT id, name, created_at, affected_limbs, affected_side, stage, notes FROM profiles;
DROP TABLE profiles;
ALTER TABLE profiles_v7 RENAME TO profiles;

CREATE TABLE sessions_v7 (
    id INTEGER PRIMARY KEY,
    profile_id INTEGER NOT NULL REFERENCES profiles (id),
    mode TEXT NOT NULL CHECK (mode IN ('drill', 'imagery', 'mirror')),
    limbs TEXT NOT NULL CHECK (limbs IN ('hands', 'feet', 'both')),
    side TEXT CHECK (side IN ('left', 'right')),
    level INTEGER CHECK (level BETWEEN 1 AND 4),
    planned_count INTEGER CHECK (planned_count >= 1),
    time_limit_ms INTEGER CHECK (time_limit_ms >= 0),
    feedback INTEGER CHECK (feedback IN (0, 1)),
    hold_ms INTEGER CHECK (hold_ms >= 0),
    rest_ms INTEGER CHECK (rest_ms >= 0),
    self_paced INTEGER CHECK (self_paced IN (0, 1)),
    planned_s INTEGER CHECK (planned_s >= 1),
    pace TEXT CHECK (pace IN ('slow', 'medium', 'normal')),
    camera INTEGER CHECK (camera IN (0, 1)),
    seed INTEGER NOT NULL DEFAULT 0,
    started_at TEXT NOT NULL,
    ended_at TEXT,
    stopped_early INTEGER NOT NULL DEFAULT 0 CHECK (stopped_early IN (0, 1)),
    frame_ns INTEGER,
    interrupted INTEGER NOT NULL DEFAULT 0 CHECK (interrupted IN (0, 1)),
    pain_before INTEGER CHECK (pain_before BETWEEN 0 AND 10),
    pain_after INTEGER CHECK (pain_after BETWEEN 0 AND 10),
    stopped_for_pain INTEGER NOT NULL DEFAULT 0 CHECK (stopped_for_pain IN (0, 1)),
    vividness INTEGER CHECK (vividness BETWEEN 1 AND 5),
    uuid TEXT NOT NULL UNIQUE DEFAULT (gmi_uuid()),
    CHECK (mode <> 'drill' OR (level IS NOT NULL AND planned_count IS NOT NULL
                               AND time_limit_ms IS NOT NULL AND feedback IS NOT NULL)),
    CHECK (mode = 'drill' OR (side IS NOT NULL AND limbs <> 'both'))
);
INSERT INTO sessions_v7 (id, profile_id, mode, limbs, side, level, planned_count, time_limit_ms,
                         feedback, hold_ms, rest_ms, self_paced, planned_s, pace, camera, seed,
                         started_at, ended_at, stopped_early, frame_ns, interrupted, pain_before,
                         pain_after, stopped_for_pain, vividness)
    SELECT id, profile_id, mode, limbs, side, level, planned_count, time_limit_ms, feedback,
           hold_ms, rest_ms, self_paced, planned_s, pace, camera, seed, started_at, ended_at,
           stopped_early, frame_ns, interrupted, pain_before, pain_after, stopped_for_pain,
           vividness
    FROM sessions;
DROP TABLE sessions;
ALTER TABLE sessions_v7 RENAME TO sessions;
CREATE INDEX sessions_by_profile ON sessions (profile_id, id);
CREATE INDEX sessions_by_start ON sessions (profile_id, started_at);

-- The prescription found on the patient's own device when their practice was
-- last imported, where it differed from this database's: the therapist's
-- copy here is the one that counts, and this one is kept so both stay in
-- view. description: the device's prescription in words, where it differs;
-- imported_at: when it was imported (ISO 8601). The row goes when an import
-- finds the two alike again.
CREATE TABLE imported_prescriptions (
    profile_id INTEGER PRIMARY KEY REFERENCES profiles (id) ON DELETE CASCADE,
    imported_at TEXT NOT NULL,
    description TEXT NOT NULL
);
