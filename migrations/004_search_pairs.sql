-- PostgreSQL search that finds one- and two-character fragments through the index.
-- pg_trgm takes words apart into trigrams, so a fragment shorter than three characters inside a
-- word gives it nothing to look up, and most Chinese searches (诊所, 口腔, a surname) are that
-- short. landun_grams rewrites a text as its pairs of adjacent characters, each a word of its
-- own: '湖塘镇' → ' 湖塘 塘镇 镇'. A fragment then always starts a word: '诊' is LIKE '% 诊%'
-- (any pair starting with 诊), '湖塘镇' is LIKE '% 湖塘 塘镇%' (store/pg.c builds the patterns).
-- SQLite's tokenizer (store/ngram.c) indexes characters and pairs for the same reason.

-- @postgres
CREATE OR REPLACE FUNCTION landun_grams(t text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
$$ SELECT ' ' || coalesce(string_agg(substr(t, i, 2), ' ' ORDER BY i), '')
   FROM generate_series(1, length(t)) AS i $$;

DROP INDEX entity_search;
CREATE INDEX entity_search ON entity USING gin (landun_grams(lower(coalesce(name,'')||' '||coalesce(address,'')||' '||coalesce(uscc,'')||' '||coalesce(legal_rep,''))) gin_trgm_ops);
DROP INDEX officer_search;
CREATE INDEX officer_search ON officer USING gin (landun_grams(lower(coalesce(name,'')||' '||coalesce(cert_no,'')||' '||coalesce(id_number,''))) gin_trgm_ops);
