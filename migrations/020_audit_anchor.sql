-- Signed heads of the audit chain (law/anchor.h, docs/audit.md): the chain's last row and its
-- hash when signed, with the signer's public key and the Ed25519 signature. The key itself is
-- never stored here. A head is published outside the database; these rows are the agency's own
-- copy, exported with landun audit heads and on the public site.
CREATE TABLE audit_anchor (
    id ID_PK,
    last_id BIGINT NOT NULL,              -- audit_log.id of the chain's last row (0: empty chain)
    hash TEXT NOT NULL,                   -- that row's hash
    at BIGINT NOT NULL,                   -- when signed, UTC seconds
    day TEXT NOT NULL,                    -- YYYY-MM-DD (China time) of at
    how TEXT NOT NULL,                    -- daily | demand
    public_key TEXT NOT NULL,             -- Ed25519, 64 hex digits
    signature TEXT NOT NULL,              -- 128 hex digits, over the statement of docs/audit.md
    username TEXT NOT NULL                -- who asked (system for the daily head)
);
-- One daily head a day, however many servers sign.
CREATE UNIQUE INDEX audit_anchor_daily ON audit_anchor(day) WHERE how = 'daily';
