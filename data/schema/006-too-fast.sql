-- Schema version 5: answers too fast to be judgements.
-- too_fast: the answer came sooner after the picture's onset than a left/right
-- judgement can be made (data/norms.csv, too_fast_ms), so it is an anticipation
-- or a stray tap: the trial counts neither as right nor as wrong and its time
-- is left out of medians. correct still says whether the answer named the
-- picture's side. Trials stored before this version are flagged from their
-- stamps with the floor of that time, 300 ms.
ALTER TABLE trials ADD COLUMN too_fast INTEGER NOT NULL DEFAULT 0 CHECK (too_fast IN (0, 1));
UPDATE trials SET too_fast = 1
    WHERE response <> 'none' AND response_ns IS NOT NULL AND response_ns - onset_ns < 300000000;
