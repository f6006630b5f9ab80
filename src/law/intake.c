/* intake.c — the person, agency, day and number of a request from the public (intake.h). */
#include "law/intake.h"
#include "law/agency.h"
#include "law/counter.h"
#include "base/crypto.h"
#include "base/date.h"
#include "base/jpack.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int intake_seal(struct ctx *c, const struct person *p, const char *whose, const char *doc,
                const char **out, struct err *e)
{
    *out = NULL;
    if (!seal_ready())
        return err_set(e, ERR_INTERNAL, "服务器未配置数据密钥，不能保存%s信息（见 %s）", whose,
                       doc);
    json_t *o = jpack("{ss ss}", "name", p->name, "phone", p->phone);
    if (!str_blank(p->id_number)) jset_text(o, "id_number", p->id_number);
    if (!str_blank(p->address)) jset_text(o, "address", p->address);
    char *plain = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    char *sealed = seal_text(plain);
    free(plain);
    if (!sealed) return err_set(e, ERR_INTERNAL, "%s信息加密失败", whose);
    *out = arena_strdup(c->arena, sealed);
    free(sealed);
    return 0;
}

json_t *intake_unseal(const char *sealed)
{
    if (!sealed) return NULL;
    char *plain = unseal_text(sealed);
    json_t *who = plain ? json_loads(plain, 0, NULL) : NULL;
    free(plain);
    return who;
}

void intake_show(json_t *o, const char *key, const char *whose, const char *sealed, bool shown)
{
    if (!sealed) return;
    char name[64];
    if (!shown) {
        snprintf(name, sizeof name, "%s_hidden", key);
        jset_bool(o, name, true);
        return;
    }
    json_t *who = intake_unseal(sealed);
    if (who) {
        json_object_set_new(o, key, who);
        return;
    }
    /* another key, or altered: say so rather than show nothing */
    snprintf(name, sizeof name, "%s_error", key);
    json_object_set_new(o, name, json_sprintf("%s信息无法解密（数据密钥不符或记录被改动）", whose));
}

int intake_agency(struct ctx *c, const char *agency_code, int64_t *agency, struct err *e)
{
    *agency = c->who->agency_id;
    if (!str_blank(agency_code) && agency_find(c, agency_code, agency, NULL, e)) {
        err_clear(e);
        return err_field(e, "agency", "机构 %s 不存在或不在您的管辖范围内", agency_code);
    }
    return *agency ? 0 : err_field(e, "agency", "请选择受理机构");
}

int intake_day(struct ctx *c, const char *received_on, const char *label, const char **day,
               struct err *e)
{
    char *today = arena_alloc(c->arena, DATE_STRLEN);
    date_format(date_from_instant(c->now), today);
    *day = str_blank(received_on) ? today : received_on;
    if (strcmp(*day, today) > 0) return err_field(e, "received_on", "%s不能晚于今天", label);
    return 0;
}

int intake_number(struct ctx *c, const char *kind, const char *prefix, int64_t agency,
                  const char *day, const char **out, struct err *e)
{
    int year = atoi(day);
    int64_t n;
    int rc = counter_next(c->db, arena_printf(c->arena, "%s:%lld", kind, (long long)agency), year,
                          &n, e);
    if (!rc) *out = arena_printf(c->arena, "%s〔%d〕%lld号", prefix, year, (long long)n);
    return rc;
}

int intake_took(struct ctx *c, const char *kind, int64_t id, const char *const *actions,
                struct err *e)
{
    int64_t me = c->who->user_id;
    if (!me) return 0;
    for (; *actions; actions++) {
        int took = db_exists(c->db, e,
                             "SELECT 1 FROM wf_step WHERE kind = ? AND object_id = ?"
                             " AND action = ? AND user_id = ?",
                             "titi", kind, id, *actions, me);
        if (took) return took;
    }
    return 0;
}
