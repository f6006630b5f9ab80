-- PostgreSQL search by the same rule as SQLite's tokenizer (store/ngram.c): ASCII white space
-- and punctuation are dropped on both sides, so a query is one fragment that must appear as it is
-- in one searched column ("长虹路 88" finds "长虹路88号" and "长虹路 88号", not "长虹路1号88").
--
-- search_plain becomes each searched column lowered and squeezed (landun_squeeze), the columns
-- joined by a space, which no squeezed query holds: a fragment never runs from one column into
-- the next. A fragment of three characters or more is looked up by its trigrams (pg_trgm) in it;
-- one of one or two characters by its characters and pairs (landun_pairs, an index expression of
-- arrays): the array index answers "contains" exactly, so the rows it finds are not checked
-- again, where the pairs text of migrations 004-005 (each pair a word for pg_trgm) had every
-- candidate row matched with LIKE against a text twice as long. That text, its index and
-- landun_grams go; store/pg.c chooses between the indexes and walking the newest rows.
-- Rewrites both tables and builds their indexes again: about two minutes at a million entities.

-- @postgres
CREATE FUNCTION landun_squeeze(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT regexp_replace(lower(coalesce(t, '')), '[\x01-/:-@\[-`{-\x7f]+', '', 'g') $$;

CREATE FUNCTION landun_pairs(t text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS
$$ DECLARE
    r text[] := '{}';
    n int := length(t);
    c text;
    d text;
BEGIN
    FOR i IN 1..n LOOP
        c := substr(t, i, 1);
        CONTINUE WHEN c = ' ';
        r := r || c;
        d := substr(t, i + 1, 1);
        IF d <> '' AND d <> ' ' THEN
            r := r || (c || d);
        END IF;
    END LOOP;
    RETURN r;
END $$;

DROP INDEX entity_search;
DROP INDEX entity_search_plain;
ALTER TABLE entity DROP COLUMN search_text, DROP COLUMN search_plain,
    ADD COLUMN search_plain text GENERATED ALWAYS AS (landun_squeeze(name) || ' ' ||
        landun_squeeze(address) || ' ' || landun_squeeze(uscc) || ' ' ||
        landun_squeeze(legal_rep)) STORED;
CREATE INDEX entity_search_plain ON entity USING gin (search_plain gin_trgm_ops);
CREATE INDEX entity_search_pairs ON entity USING gin (landun_pairs(search_plain));
ANALYZE entity (search_plain);

DROP INDEX officer_search;
DROP INDEX officer_search_plain;
ALTER TABLE officer DROP COLUMN search_text, DROP COLUMN search_plain,
    ADD COLUMN search_plain text GENERATED ALWAYS AS (landun_squeeze(name) || ' ' ||
        landun_squeeze(cert_no) || ' ' || landun_squeeze(id_number)) STORED;
CREATE INDEX officer_search_plain ON officer USING gin (search_plain gin_trgm_ops);
CREATE INDEX officer_search_pairs ON officer USING gin (landun_pairs(search_plain));
ANALYZE officer (search_plain);

DROP FUNCTION landun_grams(text);
