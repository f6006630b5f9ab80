-- 双随机、一公开: a random-check inspection carries out one drawn task (law/inspection.c moves
-- the task to 已检查 in the same transaction). One inspection per task.
ALTER TABLE inspection ADD COLUMN task_id BIGINT REFERENCES task(id);
CREATE UNIQUE INDEX inspection_task ON inspection(task_id);
