-- PostgreSQL search of fragments of three characters or more: the lowered text itself in a stored
-- column, indexed with pg_trgm, beside the pairs of migrations 004-005 (which only fragments of
-- one or two characters need). pg_trgm looks a pattern up by its trigrams and reads the list of
-- rows of each: "长虹路88" as pairs ("% 长虹 虹路 路8 88%") asks for eleven lists, among them
-- every word starting with 8 and every one starting with 路 (hundreds of thousands of rows in a
-- registry of a million), and as itself ("%长虹路88%") for three short ones. store/pg.c chooses.
-- ANALYZE: the planner decides by these statistics whether a fragment is common enough to walk
-- the newest rows or rare enough for the index.

-- @postgres
ALTER TABLE entity ADD COLUMN search_plain text GENERATED ALWAYS AS (lower(coalesce(name,'')||' '||coalesce(address,'')||' '||coalesce(uscc,'')||' '||coalesce(legal_rep,''))) STORED;
CREATE INDEX entity_search_plain ON entity USING gin (search_plain gin_trgm_ops);
ANALYZE entity (search_plain);
ALTER TABLE officer ADD COLUMN search_plain text GENERATED ALWAYS AS (lower(coalesce(name,'')||' '||coalesce(cert_no,'')||' '||coalesce(id_number,''))) STORED;
CREATE INDEX officer_search_plain ON officer USING gin (search_plain gin_trgm_ops);
ANALYZE officer (search_plain);
