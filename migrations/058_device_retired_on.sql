-- The day a device was retired (law/device.c): recordings made with it before that day are still
-- attached afterwards (an upload after the event); from the day after, it records nothing. NULL
-- while it is in use; for a device retired before this column, its last assignment's end.
ALTER TABLE device ADD COLUMN retired_on TEXT;
UPDATE device SET retired_on = (SELECT MAX(x.to_day) FROM device_assignment x
                                WHERE x.device_id = device.id)
WHERE status = 'retired';
