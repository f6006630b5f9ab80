/* evidence.c — the evidence of a penalty case (行政处罚法 第四十六条): recording an item, with the
 * 询问笔录 or 现场笔录 it may carry, and reading a case's items. The case itself is case.c. */
#include "law/evidence.h"
#include "base/jpack.h"
#include "law/audit.h"
#include "law/case.h"
#include "law/document.h"
#include "law/enforce.h"
#include "law/field.h"
#include "law/role.h"
#include "law/workflow.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

/* [R-CASE-20] 第四十六条: the 8 kinds of evidence. */
static const struct wf_option kinds[] = {
    {"documentary", "书证"},
    {"physical", "物证"},
    {"audiovisual", "视听资料"},
    {"electronic", "电子数据"},
    {"witness", "证人证言"},
    {"statement", "当事人的陈述"},
    {"expert", "鉴定意见"},
    {"record", "勘验笔录、现场笔录"},
    {NULL, NULL},
};

#define EVIDENCE_MAX_OFFICERS 6

const char *evidence_kind_label(const char *code)
{
    return wf_option_label(kinds, code);
}

json_t *evidence_kind_options(const char *selected)
{
    return wf_options_json(kinds, selected);
}

/* Whether any of the n fields f is given. */
static bool any_given(const char *const *f, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!str_blank(f[i])) return true;
    return false;
}

/* Whether the item carries an inquiry: any of its fields given. */
static bool has_inquiry(const struct evidence_input *in)
{
    const char *f[] = {in->inquiry_person, in->inquiry_identity, in->inquiry_relation,
                       in->inquiry_time,   in->inquiry_place,    in->inquiry_qa};
    return any_given(f, countof(f));
}

/* Whether the item carries an on-site record: any of its fields given. */
static bool has_site(const struct evidence_input *in)
{
    const char *f[] = {in->site_time, in->site_place, in->site_present, in->site_scene};
    return any_given(f, countof(f));
}

/* The inquiry's fields: only on a statement or a witness's testimony, each filled in. */
static void check_inquiry(const struct evidence_input *in, struct err *e)
{
    if (!has_inquiry(in)) return;
    if (in->kind && strcmp(in->kind, "statement") != 0 && strcmp(in->kind, "witness") != 0) {
        err_field(e, "inquiry_person", "询问笔录只能随当事人的陈述或者证人证言登记");
        return;
    }
    field_text(in->inquiry_person, "inquiry_person", "被询问人", true, 100, e);
    field_text(in->inquiry_identity, "inquiry_identity", "被询问人身份证号码或职务", true, 60, e);
    field_text(in->inquiry_relation, "inquiry_relation", "与当事人的关系", true, 100, e);
    field_text(in->inquiry_time, "inquiry_time", "询问时间", true, 40, e);
    field_text(in->inquiry_place, "inquiry_place", "询问地点", true, 200, e);
    field_text(in->inquiry_qa, "inquiry_qa", "询问内容（问答）", true, 8000, e);
}

/* [R-CASE-69] The on-site record's fields: only on an item of 勘验笔录、现场笔录, each filled in.
 */
static void check_site(const struct evidence_input *in, struct err *e)
{
    if (!has_site(in)) return;
    if (in->kind && strcmp(in->kind, "record") != 0) {
        err_field(e, "site_time", "现场笔录只能随勘验笔录、现场笔录登记");
        return;
    }
    field_text(in->site_time, "site_time", "检查时间", true, 40, e);
    field_text(in->site_place, "site_place", "检查地点", true, 200, e);
    field_text(in->site_present, "site_present", "当事人或在场人及其身份", true, 200, e);
    field_text(in->site_scene, "site_scene", "现场情况", true, 8000, e);
}

int evidence_check(const struct evidence_input *in, struct err *e)
{
    if (!evidence_kind_label(in->kind))
        err_field(e, "kind", "请选择证据种类（《行政处罚法》第四十六条规定的八种）");
    field_text(in->description, "description", "证据名称和内容", true, 2000, e);
    field_text(in->source, "source", "证据来源（取得的地点和方式）", true, 500, e);
    day_t day;
    field_date(in->obtained_on, "obtained_on", "取证日期", true, &day, e);
    int64_t ids[EVIDENCE_MAX_OFFICERS];
    int n = enforce_parse_officers(in->officers, "取证人员", ids, EVIDENCE_MAX_OFFICERS, e);
    if (n >= 0 && n < ENFORCE_MIN_OFFICERS)
        err_field(e, "officers", "证据应由两名以上本案承办人员取得（《行政处罚法》第四十二条）");
    check_inquiry(in, e);
    check_site(in, e);
    return e->code;
}

/* [R-CASE-20] 第五十四条: evidence is gathered in the investigation of a filed case. */
static int guard_filed(const struct case_facts *f, struct err *e)
{
    if (*f->filed) return 0;
    return err_set(e, ERR_INVALID,
                   "案件尚未立案，不能登记证据：符合立案标准的应当及时立案，立案后调查取证"
                   "（《行政处罚法》第五十四条）");
}

/* [R-CASE-22] The day obtained lies in the case's time: not before 受理, not after today. */
static int guard_day(struct ctx *c, const struct evidence_input *in, const struct case_facts *f,
                     day_t *day, struct err *e)
{
    char today[DATE_STRLEN];
    date_format(date_from_instant(c->now), today);
    if (date_parse(in->obtained_on, day)) return err_field(e, "obtained_on", "取证日期有误");
    if (strcmp(in->obtained_on, today) > 0)
        return err_field(e, "obtained_on", "取证日期不能晚于今天（%s）", today);
    if (strcmp(in->obtained_on, f->received) < 0)
        return err_field(e, "obtained_on", "取证日期不能早于案件受理日期（%s）", f->received);
    return 0;
}

/* [R-CASE-21] 第四十二条: obtained by two or more of the case's investigators, each of whom may
 * enforce on that day and is not on the party's 回避 list (第四十三条). */
static int guard_officers(struct ctx *c, int64_t case_id, const int64_t *ids, int n,
                          const struct case_facts *f, day_t day, struct err *e)
{
    for (int i = 0; i < n; i++) {
        const char *name, *why;
        int barred = enforce_bar(c, ids[i], f->entity, day, true, &name, &why, e);
        if (barred < 0) return barred;
        if (barred)
            return err_field(e, "officers", "%s%s%s", name ? name : "", name ? "：" : "", why);
        int on =
            db_exists(c->db, e, "SELECT 1 FROM case_officer WHERE case_id = ? AND officer_id = ?",
                      "ii", case_id, ids[i]);
        if (on < 0) return on;
        if (!on)
            return err_field(e, "officers", "%s不是本案的承办人员，不能作为取证人员",
                             name ? name : "该执法人员");
    }
    if (n < ENFORCE_MIN_OFFICERS)
        return err_field(e, "officers",
                         "证据应由两名以上本案承办人员取得（《行政处罚法》第四十二条）");
    return 0;
}

/* What a record an item carries says of its officers' certificates (第五十五条). */
struct certified {
    const char *shown_field; /* the field that says they were shown: inquiry_shown */
    const char *not_shown;   /* the refusal when they were not */
    const char *act;         /* what an officer without a certificate number may not do */
};

/* [R-CASE-61] 第五十五条: the officers who ask show their certificates, and the 询问笔录 names
 * each with its number. */
static const struct certified inquiry_certified = {
    "inquiry_shown",
    "询问前执法人员应当主动向被询问人出示执法证件，并在询问笔录中载明（《行政处罚法》第五十五条）",
    "询问"};

/* [R-CASE-67] 第五十五条: the officers who check on the spot show their certificates to the party
 * or the persons present, and the 现场笔录 names each with its number. */
static const struct certified site_certified = {
    "site_shown",
    "现场检查时执法人员应当主动向当事人或者有关人员出示执法证件，并在现场笔录中载明（《行政处罚法》"
    "第五十五条）",
    "进行现场检查"};

/* The officers ids as a record prints them, [{"name","cert_no"}] (new reference), when shown is
 * "1" and each has a certificate number; NULL with a field error otherwise. */
static json_t *certified_officers(struct ctx *c, const struct certified *k, const char *shown,
                                  const int64_t *ids, int n, struct err *e)
{
    if (!shown || strcmp(shown, "1") != 0) {
        err_field(e, k->shown_field, "%s", k->not_shown);
        return NULL;
    }
    json_t *out = json_array();
    for (int i = 0; i < n && !e->code; i++) {
        struct db_stmt *st = db_query(
            c->db, e, "SELECT name, COALESCE(cert_no, '') FROM officer WHERE id = ?", "i", ids[i]);
        if (st && db_step(st, e) == DB_ROW) {
            if (!*db_text(st, 1))
                err_field(e, "officers", "%s没有执法证号，不能%s（《行政处罚法》第五十五条）",
                          db_text(st, 0), k->act);
            else
                json_array_append_new(
                    out, jpack("{ss ss}", "name", db_text(st, 0), "cert_no", db_text(st, 1)));
        }
        db_done(st);
    }
    if (!e->code) return out;
    json_decref(out);
    return NULL;
}

/* The steps the declarations of the records the item carries read, into *asked (询问笔录) and
 * *seen (现场笔录), each a new reference or left NULL when the item does not carry it. */
static int record_steps(struct ctx *c, const struct evidence_input *in, const int64_t *ids, int n,
                        json_t **asked, json_t **seen, struct err *e)
{
    const char *kind = evidence_kind_label(in->kind);
    if (has_inquiry(in)) {
        json_t *o = certified_officers(c, &inquiry_certified, in->inquiry_shown, ids, n, e);
        if (!o) return e->code;
        *asked = jpack("{ss ss ss ss ss ss ss ss ss ss so}", "action", "evidence", "label",
                       "询问笔录", "date", in->obtained_on, "kind_label", kind, "person",
                       in->inquiry_person, "identity", in->inquiry_identity, "relation",
                       in->inquiry_relation, "time", in->inquiry_time, "place", in->inquiry_place,
                       "qa", in->inquiry_qa, "officers", o);
    }
    if (has_site(in)) {
        json_t *o = certified_officers(c, &site_certified, in->site_shown, ids, n, e);
        if (!o) return e->code;
        *seen = jpack("{ss ss ss ss ss ss ss ss so}", "action", "evidence", "label", "现场笔录",
                      "date", in->obtained_on, "kind_label", kind, "time", in->site_time, "place",
                      in->site_place, "present", in->site_present, "scene", in->site_scene,
                      "officers", o);
    }
    return 0;
}

/* Issue a document of type for item id of the case, dated the day the item was obtained, and keep
 * it, rendered over step (its evidence_id added; stolen). */
static int issue_record(struct ctx *c, const char *type, int64_t case_id, int64_t id,
                        const char *date, const struct case_facts *f, json_t *step, struct err *e)
{
    json_object_set_new(step, "evidence_id", json_integer(id));
    int64_t doc;
    const char *number;
    int rc = document_issue(c, type, f->agency, f->line, date, "case", case_id, &doc, &number, e);
    if (rc) {
        json_decref(step);
        return rc;
    }
    return document_keep(c, doc, step, e);
}

/* Text or NULL when blank. */
static const char *text_or_null(const char *s)
{
    return str_blank(s) ? NULL : s;
}

static int insert(struct ctx *c, int64_t case_id, const struct evidence_input *in,
                  const int64_t *ids, int n, int64_t *id, struct err *e)
{
    bool asked = has_inquiry(in), seen = has_site(in);
    struct db_stmt *st = db_query(
        c->db, e,
        "INSERT INTO case_evidence (case_id, kind, description, source, obtained_on, created_by,"
        " created_at, inquiry_person, inquiry_identity, inquiry_relation, inquiry_time,"
        " inquiry_place, inquiry_qa, inquiry_shown, site_time, site_place, site_present,"
        " site_scene, site_shown) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
        " ?) RETURNING id",
        "itttt"
        "Ii"
        "tttttt"
        "i"
        "tttt"
        "i",
        case_id, in->kind, in->description, in->source, in->obtained_on, c->who->user_id, c->now,
        asked ? in->inquiry_person : NULL, asked ? text_or_null(in->inquiry_identity) : NULL,
        asked ? text_or_null(in->inquiry_relation) : NULL,
        asked ? text_or_null(in->inquiry_time) : NULL,
        asked ? text_or_null(in->inquiry_place) : NULL, asked ? text_or_null(in->inquiry_qa) : NULL,
        (int64_t)asked, seen ? in->site_time : NULL, seen ? in->site_place : NULL,
        seen ? in->site_present : NULL, seen ? in->site_scene : NULL, (int64_t)seen);
    int rc = st ? db_step(st, e) : e->code;
    if (rc == DB_ROW) *id = db_int(st, 0);
    db_done(st);
    if (rc != DB_ROW) return rc < 0 ? rc : err_set(e, ERR_INTERNAL, "登记证据失败");
    for (int i = 0; i < n; i++)
        if (db_exec(c->db, e,
                    "INSERT INTO case_evidence_officer (evidence_id, officer_id) VALUES (?, ?)",
                    "ii", *id, ids[i]) < 0)
            return e->code;
    return 0;
}

/* The checks and the write, inside evidence_add's transaction. */
static int add_in(struct ctx *c, int64_t case_id, const struct evidence_input *in,
                  const int64_t *ids, int n, int64_t *id, struct err *e)
{
    struct case_facts f = {0};
    day_t day;
    int rc = case_facts_read(c, case_id, &f, e);
    if (!rc) rc = guard_filed(&f, e);
    if (!rc && !f.investigator) rc = err_set(e, ERR_FORBIDDEN, "只有本案的承办人员可以登记证据");
    if (!rc) rc = guard_day(c, in, &f, &day, e);
    if (!rc) rc = guard_officers(c, case_id, ids, n, &f, day, e);
    json_t *asked = NULL, *seen = NULL; /* the steps of its 询问笔录 and 现场笔录 */
    if (!rc) rc = record_steps(c, in, ids, n, &asked, &seen, e);
    if (!rc) rc = insert(c, case_id, in, ids, n, id, e);
    if (!rc && asked)
        rc = issue_record(c, "inquiry_record", case_id, *id, in->obtained_on, &f,
                          json_incref(asked), e);
    /* [R-CASE-68] numbered in the series of the inspections' 现场笔录 (data/doc_types.json) */
    if (!rc && seen)
        rc = issue_record(c, "case_site_record", case_id, *id, in->obtained_on, &f,
                          json_incref(seen), e);
    json_decref(asked);
    json_decref(seen);
    if (!rc)
        rc = audit_write(c, "case.evidence", "case", case_id, "登记证据：%s（%s，%s）",
                         in->description, evidence_kind_label(in->kind), in->obtained_on);
    return rc;
}

int evidence_add(struct ctx *c, int64_t case_id, const struct evidence_input *in, int64_t *id,
                 struct err *e)
{
    if (evidence_check(in, e)) return e->code;
    int64_t ids[EVIDENCE_MAX_OFFICERS];
    int n = enforce_parse_officers(in->officers, "取证人员", ids, EVIDENCE_MAX_OFFICERS, e);
    assert(n >= ENFORCE_MIN_OFFICERS); /* evidence_check refused fewer */
    if (db_begin(c->db, e)) return e->code;
    int rc = add_in(c, case_id, in, ids, n, id, e);
    if (rc) {
        db_rollback(c->db);
        return rc;
    }
    return db_commit(c->db, e);
}

/* The item of id among items, or NULL. */
static json_t *item_of(json_t *items, int64_t id)
{
    size_t i;
    json_t *o;
    json_array_foreach(items, i, o)
    {
        if (json_integer_value(json_object_get(o, "id")) == id) return o;
    }
    return NULL;
}

/* Give each item of case_id its officers and their names joined. */
static int add_officers(struct ctx *c, int64_t case_id, json_t *items, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT v.id, o.id, o.name, o.cert_no FROM case_evidence v"
                                  " JOIN case_evidence_officer eo ON eo.evidence_id = v.id"
                                  " JOIN officer o ON o.id = eo.officer_id WHERE v.case_id = ?"
                                  " ORDER BY v.id, o.id",
                                  "i", case_id);
    while (st && db_step(st, e) == DB_ROW) {
        json_t *item = item_of(items, db_int(st, 0));
        if (!item) continue;
        json_t *list = json_object_get(item, "officers");
        const char *names = json_string_value(json_object_get(item, "officer_names"));
        json_array_append_new(list, jpack("{sI ss ss*}", "id", (json_int_t)db_int(st, 1), "name",
                                          db_text(st, 2), "cert_no", db_text(st, 3)));
        jset_text(item, "officer_names",
                  *names ? arena_printf(c->arena, "%s、%s", names, db_text(st, 2))
                         : db_text(st, 2));
    }
    db_done(st);
    return e->code;
}

json_t *evidence_list(struct ctx *c, int64_t case_id, struct err *e)
{
    json_t *items = json_array();
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT id, kind, description, source, obtained_on,"
                                  " inquiry_person, inquiry_identity, inquiry_relation,"
                                  " inquiry_time, inquiry_place, inquiry_qa, site_time,"
                                  " site_place, site_present, site_scene"
                                  " FROM case_evidence WHERE case_id = ? ORDER BY id",
                                  "i", case_id);
    while (st && db_step(st, e) == DB_ROW) {
        json_t *item = jpack("{sI ss ss* ss ss ss s[] ss}", "id", (json_int_t)db_int(st, 0), "kind",
                             db_text(st, 1), "kind_label", evidence_kind_label(db_text(st, 1)),
                             "description", db_text(st, 2), "source", db_text(st, 3), "obtained_on",
                             db_text(st, 4), "officers", "officer_names", "");
        if (!db_null(st, 5))
            json_object_set_new(item, "inquiry",
                                jpack("{ss ss* ss* ss* ss* ss*}", "person", db_text(st, 5),
                                      "identity", db_text(st, 6), "relation", db_text(st, 7),
                                      "time", db_text(st, 8), "place", db_text(st, 9), "qa",
                                      db_text(st, 10)));
        if (!db_null(st, 11))
            json_object_set_new(item, "site",
                                jpack("{ss ss* ss* ss*}", "time", db_text(st, 11), "place",
                                      db_text(st, 12), "present", db_text(st, 13), "scene",
                                      db_text(st, 14)));
        json_array_append_new(items, item);
    }
    db_done(st);
    if (!e->code) add_officers(c, case_id, items, e);
    if (e->code) {
        json_decref(items);
        return NULL;
    }
    return items;
}

int evidence_may_add(struct ctx *c, int64_t case_id, struct err *e)
{
    if (!role_allows(c->who->roles, PERM_CASE_HANDLE)) return 0;
    struct case_facts f = {0};
    struct err quiet = {0};
    int rc = case_facts_read(c, case_id, &f, &quiet);
    if (rc == ERR_NOTFOUND) return 0;
    if (rc) {
        *e = quiet;
        return rc;
    }
    return *f.filed && f.investigator;
}
