-- Schema version 2: how each picture's onset frame went.
-- sessions.frame_ns: the display's frame period during the session.
-- trials.onset_interval_ns: time from the present just before the picture's
-- present to the picture's; late_onset: that interval exceeded 1.5 frame
-- periods, so the picture may have appeared a frame or more after its stamp.
ALTER TABLE sessions ADD COLUMN frame_ns INTEGER;
ALTER TABLE trials ADD COLUMN onset_interval_ns INTEGER;
ALTER TABLE trials ADD COLUMN late_onset INTEGER NOT NULL DEFAULT 0 CHECK (late_onset IN (0, 1));
