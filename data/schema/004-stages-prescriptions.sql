-- Schema version 4: all three stages of graded motor imagery, the patient's
-- details and prescription, pain ratings, and the therapist's PIN.

-- Who the patient is. affected_side 'both' also stands for "not set yet".
ALTER TABLE profiles ADD COLUMN affected_limbs TEXT NOT NULL DEFAULT 'hands'
    CHECK (affected_limbs IN ('hands', 'feet', 'both'));
ALTER TABLE profiles ADD COLUMN affected_side TEXT NOT NULL DEFAULT 'both'
    CHECK (affected_side IN ('left', 'right', 'both'));
ALTER TABLE profiles ADD COLUMN stage INTEGER NOT NULL DEFAULT 1 CHECK (stage BETWEEN 1 AND 3);
ALTER TABLE profiles ADD COLUMN notes TEXT NOT NULL DEFAULT '';

-- Sessions of every mode. The drill's own columns become optional, so the
-- table is rebuilt (SQLite cannot drop NOT NULL); ids are kept, so trials
-- still point at their sessions.
--   limbs: the drill's limbs; for imagery and mirror therapy the one limb.
--   side: imagery and mirror therapy: the affected side practised.
--   planned_count: pictures of a drill or an imagery set.
--   hold_ms, rest_ms, self_paced: imagery. planned_s, pace, camera: mirror.
--   pain_before, pain_after: 0-10, NULL when not rated.
--   stopped_for_pain: ended with "Stop, it hurts".
--   vividness: imagery, 1-5, NULL when not rated.
CREATE TABLE sessions_v4 (
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
    CHECK (mode <> 'drill' OR (level IS NOT NULL AND planned_count IS NOT NULL
                               AND time_limit_ms IS NOT NULL AND feedback IS NOT NULL)),
    CHECK (mode = 'drill' OR (side IS NOT NULL AND limbs <> 'both'))
);
INSERT INTO sessions_v4 (id, profile_id, mode, limbs, level, planned_count, time_limit_ms,
                         feedback, seed, started_at, ended_at, stopped_early, frame_ns,
                         interrupted)
    SELECT id, profile_id, 'drill', limbs, level, planned_count, time_limit_ms, feedback, seed,
           started_at, ended_at, stopped_early, frame_ns, interrupted
    FROM sessions;
DROP TABLE sessions;
ALTER TABLE sessions_v4 RENAME TO sessions;
CREATE INDEX sessions_by_profile ON sessions (profile_id, id);
CREATE INDEX sessions_by_start ON sessions (profile_id, started_at);

-- What an imagery set or a mirror-therapy session went through, in order:
-- imagery: one row per picture (phase 'hold', item the picture's id);
-- mirror therapy: one row per stretch of a phase ('watch', 'slow',
-- 'exercises') and exercise (item the exercise's id).
-- completed: 0 when the session was stopped during that step.
CREATE TABLE steps (
    session_id INTEGER NOT NULL REFERENCES sessions (id),
    step INTEGER NOT NULL CHECK (step >= 1),
    phase TEXT NOT NULL,
    item TEXT NOT NULL,
    duration_ms INTEGER NOT NULL CHECK (duration_ms >= 0),
    completed INTEGER NOT NULL CHECK (completed IN (0, 1)),
    PRIMARY KEY (session_id, step)
) WITHOUT ROWID;

-- Settings of the device rather than of a profile: the therapist's PIN (a
-- salted Argon2id hash string, never the PIN) and the count of wrong tries.
CREATE TABLE device (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
