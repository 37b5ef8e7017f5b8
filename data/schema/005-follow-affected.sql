-- Schema version 5: one affected side and limb per profile drive imagery and
-- mirror therapy. The prescription's imagery_side, mirror_side, imagery_limb
-- and mirror_limb settings become choices: -1 follows the profile's affected
-- side (limb); 0 and 1 (left, right; hand, foot) are the therapist's explicit
-- choice, which overrides it.
--
-- A stored side equal to the profile's affected side follows it from now on;
-- one that differs stays as an explicit choice. Where the affected side was
-- not set, a stored right side was the value the trainer put in for want of
-- one, not a choice, so it follows (the trainer now asks for the side instead
-- of practising a guessed one); a stored left side was chosen and stays.
UPDATE settings SET value = '-1'
WHERE key IN ('imagery_side', 'mirror_side')
  AND value = (SELECT CASE affected_side WHEN 'left' THEN '0' ELSE '1' END
               FROM profiles WHERE profiles.id = settings.profile_id);

-- A stored limb equal to the profile's affected limb follows it; where the
-- profile names both hands and feet the stored limb stays as the choice.
UPDATE settings SET value = '-1'
WHERE key IN ('imagery_limb', 'mirror_limb')
  AND value = (SELECT CASE affected_limbs WHEN 'hands' THEN '0' WHEN 'feet' THEN '1' END
               FROM profiles WHERE profiles.id = settings.profile_id);
