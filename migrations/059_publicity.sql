-- Enforcement publicity (行政执法公示, 双公示; law/publicity.c): every decision the public is to
-- see enters a queue as a publicity item, through the shared workflow (kind publicity):
-- queued 待公示 → published 已公示 | withheld 不予公示; a published item whose decision a
-- remedy or the agency changed or revoked → to_withdraw 待撤回 → withdrawn 已撤回 (the reason
-- published, 行政处罚法 第四十八条); a published item may be repaired 信用修复 (repair_pending →
-- repaired) after its minimum period. Deadlines (wf_deadline): publish (7 working days for a
-- penalty or licence decision, 20 for other enforcement decisions, 国办发〔2018〕118号) and
-- withdraw (3 working days).
--
-- kind: penalty 行政处罚决定 | no_penalty 不予行政处罚决定 | licence 行政许可 | inspection 检查结果.
-- source_id: penalty_case.id for penalty and no_penalty, licence.id, inspection.id.
-- person: the party is a natural person (自然人), whose personal information is masked.
-- data: the item's fields as the public sees them (JSON, masked by publicity_mask), made when it
-- was queued and made again when the reviewer edits the masking or publishes; mask: the
-- reviewer's edits of the masking, {"field": "text as published"}.
-- severity (penalties): minor 轻微 | general 一般 | serious 严重, and from it the publication
-- period counted from decided_on: min_until (repair may be applied for from that day) and
-- max_until (publication ends that day by itself).
-- changed_at: when what the public sees of the item last changed (Last-Modified, the feed and
-- the incremental export).

ALTER TABLE agency ADD COLUMN uscc TEXT;  -- the agency's 统一社会信用代码 (处罚机关, 数据来源单位)

CREATE TABLE publicity_item (
    id ID_PK,
    agency_id BIGINT NOT NULL REFERENCES agency(id),
    kind TEXT NOT NULL,
    source_id BIGINT NOT NULL,
    entity_id BIGINT REFERENCES entity(id),
    line TEXT NOT NULL DEFAULT '',
    person INTEGER NOT NULL DEFAULT 0,
    state TEXT NOT NULL,
    title TEXT NOT NULL,                  -- the public heading: the 文号 and the party (masked)
    decided_on TEXT NOT NULL,             -- YYYY-MM-DD
    severity TEXT,
    min_until TEXT,
    max_until TEXT,
    published_on TEXT,
    withdrawn_on TEXT,
    withdraw_reason TEXT,                 -- published with the withdrawal
    repaired_on TEXT,
    data TEXT NOT NULL,
    mask TEXT,
    changed_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (kind, source_id)
);
CREATE INDEX publicity_item_agency ON publicity_item(agency_id, state, decided_on, id);
CREATE INDEX publicity_item_public ON publicity_item(state, kind, decided_on, id);
CREATE INDEX publicity_item_entity ON publicity_item(entity_id, state);
CREATE INDEX publicity_item_changed ON publicity_item(changed_at, id);

-- 信用修复: the entity's application (信用承诺, the proof of its correction) and its outcome,
-- one row per application; the item's steps record the same moves.
CREATE TABLE publicity_repair (
    id ID_PK,
    item_id BIGINT NOT NULL REFERENCES publicity_item(id),
    applied_on TEXT NOT NULL,
    applicant TEXT NOT NULL,
    commitment TEXT NOT NULL,             -- 信用承诺
    correction TEXT NOT NULL,             -- 已纠正违法行为、履行义务的证明
    recorded_by BIGINT REFERENCES app_user(id),
    decided_on TEXT,
    decided_by BIGINT REFERENCES app_user(id),
    approved INTEGER,                     -- NULL pending, 1 approved, 0 refused
    decision_note TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX publicity_repair_item ON publicity_repair(item_id, id);

-- The right to reply: the entity's response to a published result, shown beside it once a
-- reviewer approved it. contact is for the reviewer only and never shown.
CREATE TABLE publicity_reply (
    id ID_PK,
    item_id BIGINT NOT NULL REFERENCES publicity_item(id),
    body TEXT NOT NULL,
    contact TEXT NOT NULL,
    submitted_at BIGINT NOT NULL,
    ip TEXT,
    state TEXT NOT NULL DEFAULT 'pending', -- pending | approved | rejected
    moderated_by BIGINT REFERENCES app_user(id),
    moderated_at BIGINT,
    moderation_note TEXT
);
CREATE INDEX publicity_reply_item ON publicity_reply(item_id, state);
CREATE INDEX publicity_reply_state ON publicity_reply(state, submitted_at);
