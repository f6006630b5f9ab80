-- The hearing of a penalty case (听证, 行政处罚法 第六十三条至第六十五条), beside the columns of 037:
-- how the party asked (书面 written | 口头 oral) and the day it withdrew the request; the time of
-- day the hearing is set for, whether it is public and, when not, the ground (state_secret |
-- trade_secret | privacy, 第六十四条第（三）项) with its explanation; and what the hearing record
-- holds: the recorder, those present, the investigators' case (违法事实、证据和处罚建议) and the
-- party's statement, defence and cross-examination (第六十四条第（七）项、第（八）项).

ALTER TABLE penalty_case ADD COLUMN hearing_request_how TEXT;
ALTER TABLE penalty_case ADD COLUMN hearing_withdrawn_on TEXT;
ALTER TABLE penalty_case ADD COLUMN hearing_time TEXT;
ALTER TABLE penalty_case ADD COLUMN hearing_publicity TEXT;
ALTER TABLE penalty_case ADD COLUMN hearing_private_note TEXT;
ALTER TABLE penalty_case ADD COLUMN hearing_recorder TEXT;
ALTER TABLE penalty_case ADD COLUMN hearing_participants TEXT;
ALTER TABLE penalty_case ADD COLUMN hearing_charges TEXT;
ALTER TABLE penalty_case ADD COLUMN hearing_defence TEXT;
