-- Schema version 8: archived profiles. The therapist archives a profile no
-- longer practising: it is left out of "Who is practising?" and of the
-- therapist's switcher, its data stays (exports and reports include it),
-- and it can be shown again.
ALTER TABLE profiles ADD COLUMN archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1));
