-- A petition another body sent (转送、交办): who sent it, so that the agency may object within 5
-- working days when the matter is not its own (信访工作条例 第二十三条), and what became of the
-- objection. NULL: received from the petitioner directly.
ALTER TABLE petition ADD COLUMN sent_by TEXT;
