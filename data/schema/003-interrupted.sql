-- Schema version 3: sessions that never ended (the program was killed or the
-- power went) are marked interrupted the next time the trainer starts, so the
-- patient is told once and the trials they gave count.
ALTER TABLE sessions ADD COLUMN interrupted INTEGER NOT NULL DEFAULT 0 CHECK (interrupted IN (0, 1));
