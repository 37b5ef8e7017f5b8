-- Schema version 1: profiles, their remembered settings, drill sessions and trials.
CREATE TABLE profiles (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);

CREATE TABLE settings (
    profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (profile_id, key)
) WITHOUT ROWID;

-- One drill. seed holds the 64-bit seed as its two's-complement signed value.
-- ended_at stays NULL while the drill runs (or if the program was killed).
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    profile_id INTEGER NOT NULL REFERENCES profiles (id),
    limbs TEXT NOT NULL CHECK (limbs IN ('hands', 'feet', 'both')),
    level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
    planned_count INTEGER NOT NULL CHECK (planned_count >= 1),
    time_limit_ms INTEGER NOT NULL CHECK (time_limit_ms >= 0),
    feedback INTEGER NOT NULL CHECK (feedback IN (0, 1)),
    seed INTEGER NOT NULL,
    started_at TEXT NOT NULL,
    ended_at TEXT,
    stopped_early INTEGER NOT NULL DEFAULT 0 CHECK (stopped_early IN (0, 1))
);
CREATE INDEX sessions_by_profile ON sessions (profile_id, id);

-- One picture shown. The picture's attributes are copied from the catalogue
-- so the history stays readable if the catalogue changes. onset_ns and
-- response_ns are raw stamps of the monotonic clock; rt_ns is their difference.
-- response_ns, rt_ns and input are NULL when there was no response.
CREATE TABLE trials (
    session_id INTEGER NOT NULL REFERENCES sessions (id),
    trial INTEGER NOT NULL CHECK (trial >= 1),
    image TEXT NOT NULL,
    limb TEXT NOT NULL CHECK (limb IN ('hand', 'foot')),
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
    PRIMARY KEY (session_id, trial)
) WITHOUT ROWID;
