-- Whole-process recordings (执法全过程记录, law/recording.c; 行政处罚法 第四十七条): photos,
-- audio, video and scans attached to an inspection, a complaint or a penalty case (object_type
-- inspection | complaint | case), kept by content in the evidence store (store/blob.c: the file
-- is named by sha256) and listed in an append-only ledger.
--
-- A recording is its own ledger entry: seq runs 1, 2, 3 … without gaps, and hash is the SHA-256
-- of the entry's fields (every column but id and hash, docs/evidence.md gives the text) and of
-- prev_hash, the previous entry's hash. recording_head holds the last seq and hash, so appends
-- are serialised (as audit_head serialises the audit chain). Each entry also writes an audit row
-- quoting its hash: the signed heads of the audit chain fix the ledger too. No row is ever
-- deleted: retain_until marks when the file may be disposed of, and the entry stays.
--
-- part says what of the record it shows: '' the record as a whole, 'step:<wf_step.id>' a step
-- of its workflow, 'evidence:<case_evidence.id>' an item of a case's evidence (a 询问笔录 or a
-- 现场笔录). key_step is derived from it: site 现场检查 | inquiry 询问 | service 送达 | hearing
-- 听证 | '' none.

CREATE TABLE recording (
    id ID_PK,
    seq BIGINT NOT NULL UNIQUE,
    agency_id BIGINT NOT NULL REFERENCES agency(id),    -- the record's agency (its scope)
    object_type TEXT NOT NULL,
    object_id BIGINT NOT NULL,
    part TEXT NOT NULL DEFAULT '',
    key_step TEXT NOT NULL DEFAULT '',
    media TEXT NOT NULL,                  -- photo | audio | video | scan
    content_type TEXT NOT NULL,           -- as the content showed it (not as the client said)
    file_name TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    officer_id BIGINT NOT NULL REFERENCES officer(id),  -- who recorded
    device_id BIGINT REFERENCES device(id),             -- with which device, or NULL
    taken_at BIGINT NOT NULL,             -- when recorded, UTC seconds
    place TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    uploaded_by BIGINT NOT NULL REFERENCES app_user(id),
    uploaded_at BIGINT NOT NULL,
    retain_until TEXT NOT NULL,           -- YYYY-MM-DD
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX recording_object ON recording(object_type, object_id, id);
CREATE INDEX recording_agency ON recording(agency_id, taken_at);
CREATE INDEX recording_sha256 ON recording(sha256);

CREATE TABLE recording_head (
    one INTEGER PRIMARY KEY CHECK (one = 1),
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO recording_head (one, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- A resumable upload (tus) in progress: its bytes are in the store's partial/<id>; the row says
-- whose it is and how long it will be. Attaching it as a recording deletes the row.
CREATE TABLE recording_upload (
    id TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES app_user(id),
    length BIGINT NOT NULL,
    file_name TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE INDEX recording_upload_user ON recording_upload(user_id);
