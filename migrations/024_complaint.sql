-- Complaints and reports from the public (投诉举报), and the settings an administrator may change
-- (a rule's configurable period, law/setting.h).
--
-- A complaint belongs to the agency that received it. The complainant's identity and contact are
-- one sealed value (base/crypto.h: encrypted under the data key kept outside the database), shown
-- only to the clerk who took it in and the handler it is assigned to. The public follows a
-- complaint with its tracking code. Codes, not labels, are stored.

CREATE TABLE complaint (
    id ID_PK,
    agency_id BIGINT NOT NULL REFERENCES agency(id),
    number TEXT NOT NULL,                 -- 投诉〔2026〕12号: per agency and year
    tracking_code TEXT NOT NULL,          -- what the complainant follows it with
    channel TEXT NOT NULL,                -- catalog complaint_channels
    received_on TEXT NOT NULL,            -- YYYY-MM-DD
    line TEXT NOT NULL,                   -- catalog lines
    matter TEXT NOT NULL,                 -- catalog complaint_matters
    summary TEXT NOT NULL,                -- what is complained of
    entity_id BIGINT REFERENCES entity(id),
    party_name TEXT,                      -- a party not in the registry (无证行医)
    party_address TEXT,
    officer_id BIGINT REFERENCES officer(id), -- the officer complained about, if any
    anonymous INTEGER NOT NULL DEFAULT 0,
    complainant TEXT,                     -- sealed {name, phone, id_number, address}
    external_no TEXT,                     -- the 12345 work order's or the sending body's number
    state TEXT NOT NULL,
    handler_id BIGINT REFERENCES app_user(id),
    result TEXT,                          -- substantiated | partly | unsubstantiated | unverifiable
    measures TEXT,                        -- comma list: rectify, advice, case
    inspection_id BIGINT REFERENCES inspection(id),
    reply TEXT,
    replied_on TEXT,
    satisfaction TEXT,                    -- satisfied | fairly | dissatisfied
    merged_into BIGINT REFERENCES complaint(id), -- a duplicate, answered with that one
    closed_on TEXT,
    created_by BIGINT,                    -- app_user.id; NULL: submitted by the public
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX complaint_tracking ON complaint(tracking_code);
CREATE UNIQUE INDEX complaint_number ON complaint(agency_id, number);
CREATE INDEX complaint_agency ON complaint(agency_id, received_on);
CREATE INDEX complaint_state ON complaint(state, agency_id);
CREATE INDEX complaint_handler ON complaint(handler_id, state);
CREATE INDEX complaint_entity ON complaint(entity_id, received_on);
CREATE UNIQUE INDEX complaint_external ON complaint(agency_id, channel, external_no);

-- Submissions from the public site, by address, for its rate limit; rows older than a day go.
CREATE TABLE public_submission (
    ip TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX public_submission_ip ON public_submission(ip, at);

CREATE TABLE setting (
    name TEXT PRIMARY KEY,                -- complaint.handle_days
    value TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    updated_by TEXT NOT NULL
);
