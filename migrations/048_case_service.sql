-- The service of a case's documents (送达, 行政处罚法 第六十一条; law/case_service.c): the
-- penalty decision (or the 不予行政处罚决定书) is handed to the party on the spot or, the party
-- being absent, served within 7 working days (the case's deadline "serve", opened by the
-- decision); the prior notice and the hearing summons are recorded as served too. Each service
-- names the document served (document_id, its type and number as printed), how (method: direct
-- 直接送达 | left 留置送达 | post 邮寄送达 | electronic 电子送达 | notice 公告送达), when, where,
-- to whom, and its 送达回执 (who signed, when), kept as the 送达回执 document. What each method
-- needs: left names its witnesses, post its tracking number, electronic the party's consent (the
-- 确认书's date) and the address consented to, notice why the other methods failed. late: the
-- decision served after the 7 working days.

CREATE TABLE case_service (
    id ID_PK,
    case_id BIGINT NOT NULL REFERENCES penalty_case(id),
    document_id BIGINT REFERENCES document(id), -- NULL only while landun migrate copies it
    document_type TEXT NOT NULL,          -- penalty_decision | no_penalty_decision | prior_notice …
    document_number TEXT NOT NULL,        -- its 文号 as printed
    method TEXT NOT NULL,                 -- direct | left | post | electronic | notice
    served_on TEXT NOT NULL,              -- YYYY-MM-DD: not before the document, not after today
    recipient TEXT,                       -- 受送达人 / 收件人 (blank for a public notice)
    relation TEXT,                        -- the recipient's relation to the party: 本人, 法定代表人 …
    place TEXT,                           -- 送达地点
    server TEXT NOT NULL,                 -- 送达人
    witnesses TEXT,                       -- 见证人 of a 留置送达
    tracking_no TEXT,                     -- the postal tracking number of a 邮寄送达
    consent_on TEXT,                      -- the day the party signed the 电子送达确认书
    channel TEXT,                         -- the electronic address consented to
    failed TEXT,                          -- why the other methods failed (公告送达)
    signer TEXT,                          -- who signed the 送达回执 (blank: refused, or none)
    receipt_on TEXT,                      -- the day signed
    note TEXT,                            -- 备注
    late INTEGER NOT NULL DEFAULT 0,      -- the decision served after its 7 working days
    created_by BIGINT REFERENCES app_user(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX case_service_case ON case_service(case_id, id);
CREATE INDEX case_service_served ON case_service(served_on, document_type);
