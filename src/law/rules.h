/* rules.h — the register of the rules landun enforces (执法规则登记册).
 *
 * Each rule has a stable id, R-<AREA>-<NN> (R-INSP-01; three digits past 99, R-CASE-100): an id
 * never changes meaning and is never given to another rule. The law/ (or base/) code that enforces
 * a rule carries its id in square brackets in a comment at that place, "[R-INSP-01] 行政处罚法
 * 第四十二条: …", and a test that proves it carries the id in its name, dashes as underscores
 * (test_r_insp_01_…). The register is data: the table in rules.c, served at /rules and
 * /api/v1/rules; tests/unit/test_rules.c fails when a mark names no registered rule, or a
 * registered rule has no mark or no test (docs/rules.md). */
#ifndef LANDUN_RULES_H
#define LANDUN_RULES_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

/* One parameter of a rule, with the default the code uses (its macro, not a copy). */
struct rule_param {
    const char *name;  /* code: team_size */
    const char *label; /* 检查组人数 */
    long long value;   /* the default */
    const char *unit;  /* 名, 个工作日, 分钟 … */
};

/* One rule of the register. */
struct rule {
    const char *id; /* R-INSP-01 */
    const char *law; /* 《行政处罚法》, 国发〔2019〕5号, or 本系统规则 (the program's policy) */
    const char *article; /* 第四十二条, or "" when the rule rests on the whole document */
    const char *text;    /* the rule in one sentence, in Chinese */
    const struct rule_param *params; /* terminated by an entry whose name is NULL; or NULL */
};

/* One area of the register (the AREA of its ids), in the order the page shows them. */
struct rule_area {
    const char *code;  /* INSP */
    const char *label; /* 监督检查 */
};

/* Every rule, grouped by area in area order; *n gets the count. Static: never freed. */
const struct rule *rules_all(size_t *n);
/* The rule with id (R-INSP-01), or NULL. */
const struct rule *rule_find(const char *id);
/* Every area; *n gets the count. Static. */
const struct rule_area *rule_areas(size_t *n);
/* The area code of an id ("INSP" for R-INSP-01) into out (n bytes); false for a malformed id. */
bool rule_id_area(const char *id, char *out, size_t n);
/* The register as the page and the API show it (new reference):
 * {"count": n, "areas": [{"code", "label", "rules": [{"id", "law", "article", "basis", "text",
 * "params": [{"name", "label", "value", "unit", "default"}]}]}]}, where basis is law and
 * article together and default the value with its unit (20个工作日). */
json_t *rules_json(void);

#endif
