-- Schema version 9: touch practice (tactile desensitization), a fourth kind
-- of session. A touch session goes through steps of a ladder of textures,
-- each touched for some minutes and its discomfort rated after it.
--
-- sessions: the mode 'touch' is allowed (SQLite cannot change a CHECK, so
-- the table is rebuilt with its rows, ids and uuids kept), with
--   touch_step: the step of the ladder prescribed for the session (its last
--     step; the one before is a warm-up), NULL for other modes.
-- A touch session also fills limbs (hands or feet), side and planned_s (the
-- minutes of all its steps, in seconds).
CREATE TABLE sessions_v9 (
    id INTEGER PRIMARY KEY,
    profile_id INTEGER NOT NULL REFERENCES profiles (id),
    mode TEXT NOT NULL CHECK (mode IN ('drill', 'imagery', 'mirror', 'touch')),
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
    touch_step INTEGER CHECK (touch_step >= 1),
    CHECK (mode <> 'drill' OR (level IS NOT NULL AND planned_count IS NOT NULL
                               AND time_limit_ms IS NOT NULL AND feedback IS NOT NULL)),
    CHECK (mode = 'drill' OR (side IS NOT NULL AND limbs <> 'both')),
    CHECK (mode <> 'touch' OR touch_step IS NOT NULL)
);
INSERT INTO sessions_v9 (id, profile_id, mode, limbs, side, level, planned_count, time_limit_ms,
                         feedback, hold_ms, rest_ms, self_paced, planned_s, pace, camera, seed,
                         started_at, ended_at, stopped_early, frame_ns, interrupted, pain_before,
                         pain_after, stopped_for_pain, vividness, uuid)
    SELECT id, profile_id, mode, limbs, side, level, planned_count, time_limit_ms, feedback,
           hold_ms, rest_ms, self_paced, planned_s, pace, camera, seed, started_at, ended_at,
           stopped_early, frame_ns, interrupted, pain_before, pain_after, stopped_for_pain,
           vividness, uuid
    FROM sessions;
DROP TABLE sessions;
ALTER TABLE sessions_v9 RENAME TO sessions;
CREATE INDEX sessions_by_profile ON sessions (profile_id, id);
CREATE INDEX sessions_by_start ON sessions (profile_id, started_at);

-- steps of a touch session: one row per step as it ends, phase how it was
-- touched ('touch', 'stroke', 'press', 'immerse', 'wear'), item the rung's
-- id in data/touch-ladder.csv, and
--   discomfort: 0-10 as rated after the step, NULL when skipped (and for
--     the steps of other modes).
ALTER TABLE steps ADD COLUMN discomfort INTEGER CHECK (discomfort BETWEEN 0 AND 10);
