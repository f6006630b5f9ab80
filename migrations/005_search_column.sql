-- PostgreSQL search: the pairs text (migration 004) kept in a stored column instead of an index
-- expression. An index lookup is rechecked row by row, and recomputing landun_grams for every
-- candidate row was most of a search's time; a stored column is computed once per write.

-- @postgres
ALTER TABLE entity ADD COLUMN search_text text GENERATED ALWAYS AS (landun_grams(lower(coalesce(name,'')||' '||coalesce(address,'')||' '||coalesce(uscc,'')||' '||coalesce(legal_rep,'')))) STORED;
DROP INDEX entity_search;
CREATE INDEX entity_search ON entity USING gin (search_text gin_trgm_ops);
ALTER TABLE officer ADD COLUMN search_text text GENERATED ALWAYS AS (landun_grams(lower(coalesce(name,'')||' '||coalesce(cert_no,'')||' '||coalesce(id_number,'')))) STORED;
DROP INDEX officer_search;
CREATE INDEX officer_search ON officer USING gin (search_text gin_trgm_ops);
