-- A penalty decision states its penalties in words besides the amounts (责令停业整顿十五日,
-- 暂扣医疗机构执业许可证三个月): the penalty type codes group several penalties of 行政处罚法
-- 第九条 and carry no period, so the decision keeps the wording it was given (警告 when only a
-- warning stands beside the amounts).

ALTER TABLE penalty_case ADD COLUMN decision_wording TEXT;
