-- Schema version 10: knees, shoulders, necks and backs beside hands and
-- feet in left/right judgement drills (SQLite cannot change a CHECK, so
-- both tables are rebuilt with their rows, ids and uuids kept).
--
-- sessions.limbs: a drill's body parts: 'hands', 'feet' or 'both' as
--   before, otherwise the parts' names joined by '+' ('knee', 'hand+neck');
--   imagery, mirror therapy and touch practice stay on 'hands' or 'feet'.
-- trials.limb: the body part of the picture: 'hand', 'foot', 'knee',
--   'shoulder', 'neck' or 'back'. For a neck or a back, side is the way it
--   turns or bends, from the person's own point of view.
CREATE TABLE sessions_v10 (
    id INTEGER PRIMARY KEY,
    profile_id INTEGER NOT NULL REFERENCES profiles (id),
    mode TEXT NOT NULL CHECK (mode IN ('drill', 'imagery', 'mirror', 'touch')),
    limbs TEXT NOT NULL CHECK (limbs <> '' AND limbs NOT GLOB '*[^a-z+]*'),
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
    CHECK (mode = 'drill' OR (side IS NOT NULL AND limbs IN ('hands', 'feet'))),
    CHECK (mode <> 'touch' OR touch_step IS NOT NULL)
);
INSERT INTO sessions_v10 (id, profile_id, mode, limbs, side, level, planned_count, time_limit_ms,
                         feedback, hold_ms, rest_ms, self_paced, planned_s, pace, camera, seed,
                         started_at, ended_at, stopped_early, frame_ns, interrupted, pain_before,
                         pain_after, stopped_for_pain, vividness, uuid, touch_step)
    SELECT id, profile_id, mode, limbs, side, level, planned_count, time_limit_ms, feedback,
           hold_ms, rest_ms, self_paced, planned_s, pace, camera, seed, started_at, ended_at,
           stopped_early, frame_ns, interrupted, pain_before, pain_after, stopped_for_pain,
           vividness, uuid, touch_step
    FROM sessions;
DROP TABLE sessions;
ALTER TABLE sessions_v10 RENAME TO sessions;
CREATE INDEX sessions_by_profile ON sessions (profile_id, id);
CREATE INDEX sessions_by_start ON sessions (profile_id, started_at);

CREATE TABLE trials_v10 (
    session_id INTEGER NOT NULL REFERENCES sessions (id),
    trial INTEGER NOT NULL CHECK (trial >= 1),
    image TEXT NOT NULL,
    limb TEXT NOT NULL CHECK (limb IN ('hand', 'foot', 'knee', 'shoulder', 'neck', 'back')),
    side TEXT NOT NULL CHECK (side IN ('left', 'right')),
    view TEXT NOT NULL,
    posture TEXT NOT NULL,
    rotation_deg INTEGER NOT NULL CHECK (rotation_deg BETWEEN 0 AND 315),
    response TEXT NOT NULL CHECK (response IN ('left', 'right', 'none')),
    correct INTEGER NOT NULL CHECK (correct IN (0, 1)),
    onset_ns INTEGER NOT NULL,
    response_ns INTEGER,
    rt_ns INTEGER,
    input TEXT CHECK (input IN ('touch', 'mouse', 'key', 'other')),
    onset_interval_ns INTEGER,
    late_onset INTEGER NOT NULL DEFAULT 0 CHECK (late_onset IN (0, 1)),
    too_fast INTEGER NOT NULL DEFAULT 0 CHECK (too_fast IN (0, 1)),
    PRIMARY KEY (session_id, trial)
) WITHOUT ROWID;
INSERT INTO trials_v10 (session_id, trial, image, limb, side, view, posture, rotation_deg,
                        response, correct, onset_ns, response_ns, rt_ns, input,
                        onset_interval_ns, late_onset, too_fast)
    SELECT session_id, trial, image, limb, side, view, posture, rotation_deg, response, correct,
           onset_ns, response_ns, rt_ns, input, onset_interval_ns, late_onset, too_fast
    FROM trials;
DROP TABLE trials;
ALTER TABLE trials_v10 RENAME TO trials;
