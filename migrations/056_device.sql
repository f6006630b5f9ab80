-- The registry of enforcement devices (执法装备, law/device.c, docs/devices.md): body cameras
-- (执法记录仪), mobile terminals (移动执法终端) and the rest, each numbered within its agency,
-- assigned to an officer or kept pooled (公用), in use, under repair or retired.
--
-- device: kind recorder 执法记录仪 | terminal 移动执法终端 | voice 录音笔 | camera 照相机 |
-- laptop 笔记本电脑 | printer 便携式打印机 | other 其他; status active 在用 | repair 维修 |
-- retired 报废 (final). officer_id and assigned_on say who holds it now (NULL: pooled).
--
-- device_assignment: who held a device on which days, so that a recording can be checked against
-- the holder on the day it was taken. One row per period, from_day to to_day, both included (on a
-- handover day both holders had it); to_day NULL while the period is open; officer_id NULL for a
-- period the device was pooled. A change closes the open period and opens the next; rows are
-- never rewritten otherwise.

CREATE TABLE device (
    id ID_PK,
    agency_id BIGINT NOT NULL REFERENCES agency(id),
    kind TEXT NOT NULL,
    number TEXT NOT NULL,                 -- 设备编号, unique within the agency
    model TEXT NOT NULL DEFAULT '',       -- 品牌型号
    officer_id BIGINT REFERENCES officer(id), -- 配发给; NULL: pooled
    assigned_on TEXT,                     -- YYYY-MM-DD, the day it went to officer_id
    status TEXT NOT NULL DEFAULT 'active',
    note TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1    -- for the optimistic check of an edit
);
CREATE INDEX device_agency_kind ON device(agency_id, kind);
CREATE UNIQUE INDEX device_agency_number ON device(agency_id, number);
CREATE INDEX device_officer ON device(officer_id);

CREATE TABLE device_assignment (
    id ID_PK,
    device_id BIGINT NOT NULL REFERENCES device(id),
    officer_id BIGINT REFERENCES officer(id), -- NULL: pooled during the period
    from_day TEXT NOT NULL,               -- YYYY-MM-DD, first day
    to_day TEXT,                          -- YYYY-MM-DD, last day; NULL while open
    by_user BIGINT REFERENCES app_user(id), -- who recorded the change (NULL: the system)
    at BIGINT NOT NULL                    -- when it was recorded, UTC seconds
);
CREATE INDEX device_assignment_device ON device_assignment(device_id, from_day);
