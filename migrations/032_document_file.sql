-- The PDF of an issued document, kept with it (law/document.c document_keep, docs/documents.md):
-- rendered from its type's declaration (data/documents/<type>.json) in the transaction that
-- issues it, with the SHA-256 of the file as served. A document once issued never changes: the
-- row refuses UPDATE and DELETE, and later edits of its record do not touch it.
-- A document that names the person who made a request (a complainant, petitioner or applicant:
-- sealed at rest, law/intake.h) is kept sealed under the data key too (base/crypto.h
-- seal_bytes), so that the file in the database does not reveal what the record seals.
-- @sqlite
CREATE TABLE document_file (
    document_id BIGINT PRIMARY KEY REFERENCES document(id),
    sha256 TEXT NOT NULL,                 -- lower-case hex SHA-256 of the PDF as served
    sealed INTEGER NOT NULL,              -- 1: it names the person; pdf holds the sealed bytes
    pdf BLOB NOT NULL                     -- the PDF, or its sealed bytes
);
CREATE TRIGGER document_file_kept_update BEFORE UPDATE ON document_file
BEGIN
    SELECT RAISE(ABORT, 'document_file: an issued document never changes');
END;
CREATE TRIGGER document_file_kept_delete BEFORE DELETE ON document_file
BEGIN
    SELECT RAISE(ABORT, 'document_file: an issued document never changes');
END;
-- @postgres
CREATE TABLE document_file (
    document_id BIGINT PRIMARY KEY REFERENCES document(id),
    sha256 TEXT NOT NULL,                 -- lower-case hex SHA-256 of the PDF as served
    sealed INTEGER NOT NULL,              -- 1: it names the person; pdf holds the sealed bytes
    pdf BYTEA NOT NULL                    -- the PDF, or its sealed bytes
);
CREATE FUNCTION document_file_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'document_file: an issued document never changes'
        USING ERRCODE = 'integrity_constraint_violation';
END
$$;
CREATE TRIGGER document_file_kept BEFORE UPDATE OR DELETE ON document_file
    FOR EACH ROW EXECUTE FUNCTION document_file_kept();
