-- landun migrate gives every row a new id, but a committed plan's snapshot was published with the
-- entity ids of the database it was drawn in, and its commitment is the SHA-256 of that text. A
-- moved pool keeps the id each entity had in the published snapshot, so the snapshot rebuilt from
-- draw_pool is byte for byte the published one and the draw still verifies (law/plan_draw.c).
ALTER TABLE draw_pool ADD COLUMN published_id BIGINT; -- the id in the published snapshot; NULL: entity_id
