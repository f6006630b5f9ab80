/* workflow.c — the shared mechanism that moves matters through the states their area declares
 * (see workflow.h). Areas add a table of transitions; this file is the only engine. */
#include "law/area.h"
#include "law/workflow.h"
#include "law/audit.h"
#include "law/catalog.h"
#include "law/document.h"
#include "law/field.h"
#include "law/setting.h"
#include "base/calendar.h"
#include "base/jpack.h"
#include "base/log.h"

#include <assert.h>
#include <string.h>

/* ---- lookups in the declared tables ---------------------------------------------------------- */

const char *wf_state_label(const struct workflow *w, const char *state)
{
    for (size_t i = 0; state && i < w->nstates; i++)
        if (strcmp(w->states[i].code, state) == 0) return w->states[i].label;
    return NULL;
}

/* A step's reason as a person reads it: the area's label for its code, else the text itself. */
static const char *reason_label(const struct workflow *w, const char *reason)
{
    const char *label = reason && w->reason_label ? w->reason_label(reason) : NULL;
    return label ? label : reason;
}

static bool state_final(const struct workflow *w, const char *state)
{
    for (size_t i = 0; i < w->nstates; i++)
        if (strcmp(w->states[i].code, state) == 0) return w->states[i].final;
    return false;
}

/* The transition for action from state, or NULL. */
static const struct wf_transition *find_step(const struct workflow *w, const char *state,
                                             const char *action)
{
    for (size_t i = 0; i < w->nsteps; i++)
        if (strcmp(w->steps[i].from, state) == 0 && strcmp(w->steps[i].action, action) == 0)
            return &w->steps[i];
    return NULL;
}

/* Any transition named action, from whatever state (for telling "not now" from "no such"). */
static const struct wf_transition *any_step(const struct workflow *w, const char *action)
{
    for (size_t i = 0; i < w->nsteps; i++)
        if (strcmp(w->steps[i].action, action) == 0) return &w->steps[i];
    return NULL;
}

const struct wf_transition *wf_step_named(const struct workflow *w, const char *action)
{
    return action ? any_step(w, action) : NULL;
}

/* ---- a step's inputs ---------------------------------------------------------------------------
 */

/* The wf_args field an input of this name fills, or NULL for one kept by name. */
static const char **arg_field(struct wf_args *a, const char *name)
{
    if (strcmp(name, "date") == 0) return &a->date;
    if (strcmp(name, "reason") == 0) return &a->reason;
    if (strcmp(name, "note") == 0) return &a->note;
    if (strcmp(name, "due") == 0) return &a->due;
    return NULL;
}

const char *wf_arg(const struct wf_args *a, const char *name)
{
    if (!a) return NULL;
    const char **f = arg_field((struct wf_args *)a, name);
    if (f) return *f;
    for (int i = 0; i < a->nvalues; i++)
        if (strcmp(a->values[i].name, name) == 0) return a->values[i].value;
    return NULL;
}

void wf_arg_set(struct wf_args *a, const char *name, const char *value)
{
    const char **f = arg_field(a, name);
    if (f) {
        *f = value;
        return;
    }
    for (int i = 0; i < a->nvalues; i++)
        if (strcmp(a->values[i].name, name) == 0) {
            a->values[i].value = value;
            return;
        }
    assert(a->nvalues < WF_MAX_INPUTS);
    if (a->nvalues < WF_MAX_INPUTS) {
        a->values[a->nvalues].name = name;
        a->values[a->nvalues++].value = value;
    }
}

const char *wf_option_label(const struct wf_option *o, const char *code)
{
    for (; code && o && o->code; o++)
        if (strcmp(o->code, code) == 0) return o->label;
    return NULL;
}

json_t *wf_options_json(const struct wf_option *o, const char *selected)
{
    json_t *out = json_array();
    for (; o && o->code; o++)
        json_array_append_new(out, jpack("{ss ss sb}", "code", o->code, "label", o->label,
                                         "selected", selected && strcmp(selected, o->code) == 0));
    return out;
}

const char *wf_date(struct ctx *c, const struct wf_args *a)
{
    if (a && !str_blank(a->date)) return a->date;
    char *today = arena_alloc(c->arena, DATE_STRLEN);
    date_format(date_from_instant(c->now), today);
    return today;
}

json_t *wf_input_options(const struct wf_input *in)
{
    json_t *out = json_array(), *o;
    for (const struct wf_option *p = in->options; p && p->code; p++)
        json_array_append_new(out, jpack("{ss ss}", "code", p->code, "label", p->label));
    size_t i;
    json_array_foreach(in->options ? NULL : json_object_get(catalog_json(), in->catalog), i, o)
    {
        json_array_append_new(out, jpack("{sO sO}", "code", json_object_get(o, "code"), "label",
                                         json_object_get(o, "label")));
    }
    return out;
}

static bool option_known(const struct wf_input *in, const char *code)
{
    return in->options ? wf_option_label(in->options, code) != NULL
                       : in->catalog && catalog_has(in->catalog, code);
}

/* The labels of a coded input's options as a sentence: 停业、关闭（注销）、查无此户或其他. */
static const char *choices(struct ctx *c, const struct wf_input *in)
{
    const char *out = "";
    json_t *all = wf_input_options(in), *o;
    size_t i, n = json_array_size(all);
    json_array_foreach(all, i, o)
    {
        out = arena_printf(c->arena, "%s%s%s", out,
                           !*out       ? ""
                           : i + 1 < n ? "、"
                                       : "或",
                           json_string_value(json_object_get(o, "label")));
    }
    json_decref(all);
    return out;
}

/* Check one declared input, trimming text in place of a copy. */
static void check_input(struct ctx *c, const struct wf_input *in, struct wf_args *a, struct err *e)
{
    const char *v = wf_arg(a, in->name);
    if (v && in->kind != WF_CODE) {
        char *t = arena_strdup(c->arena, v);
        str_trim(t);
        wf_arg_set(a, in->name, v = t);
    }
    day_t day;
    switch (in->kind) {
    case WF_TEXT:
    case WF_PICK:
        field_text(v, in->name, in->label, in->required, (size_t)in->max, e);
        break;
    case WF_DATE:
        field_date(v, in->name, in->label, in->required, &day, e);
        break;
    case WF_CODE:
        if (in->choose) { /* offered for the matter: its guard decides */
            if (str_blank(v) && in->required) err_field(e, in->name, "请选择%s", in->label);
        } else if (in->catalog && (str_blank(v) ? in->required : !option_known(in, v))) {
            /* a catalogue list is too long to spell out */
            err_field(e, in->name, "请从列表中选择%s", in->label);
        } else if (str_blank(v)) {
            if (in->required) err_field(e, in->name, "请选择%s：%s", in->label, choices(c, in));
        } else if (!option_known(in, v)) {
            err_field(e, in->name, "%s应为%s", in->label, choices(c, in));
        }
        break;
    }
}

/* Check every input step t declares; the field errors of all of them at once. */
static int check_inputs(struct ctx *c, const struct wf_transition *t, struct wf_args *a,
                        struct err *e)
{
    for (const struct wf_input *in = t->inputs; in && in->name; in++)
        check_input(c, in, a, e);
    return e->nfields ? e->code : 0;
}

/* The system (CLI, demo data, another law/ function acting for the system) may take any step. */
static bool may(const struct ctx *c, enum perm p)
{
    return c->who->user_id == 0 || role_allows(c->who->roles, p);
}

/* ---- the matter and its dates ---------------------------------------------------------------- */

/* The matter's state and agency, if it is in the actor's scope. State is copied to the arena. */
static int load_matter(struct ctx *c, const struct workflow *w, int64_t id, const char **state,
                       int64_t *agency_id, struct err *e)
{
    const char *sql = arena_printf(c->arena,
                                   "SELECT x.state, x.agency_id, a.path FROM %s x"
                                   " JOIN agency a ON a.id = x.agency_id WHERE x.id = ?",
                                   w->table);
    struct db_stmt *st = db_query(c->db, e, sql, "i", id);
    if (!st) return e->code;
    int rc = db_step(st, e);
    bool seen = rc == DB_ROW && (c->who->user_id == 0 || actor_sees_path(c->who, db_text(st, 2)));
    if (rc == DB_ROW) {
        *state = arena_strdup(c->arena, db_text(st, 0));
        *agency_id = db_int(st, 1);
    }
    db_done(st);
    if (rc == DB_ROW && !seen && w->reach) {
        int reached = w->reach(c, id, e);
        if (reached < 0) return reached;
        seen = reached > 0;
    }
    if (rc == DB_ROW && seen) return 0;
    return rc < 0 ? rc : err_set(e, ERR_NOTFOUND, "记录不存在或不在您的管辖范围内");
}

/* The legal date of a step: a->date, or today. */
static int step_day(const struct ctx *c, const struct wf_args *a, day_t *day, struct err *e)
{
    if (!a || !a->date || !*a->date) {
        *day = date_from_instant(c->now);
        return 0;
    }
    if (date_parse(a->date, day)) return err_field(e, "date", "日期格式应为 YYYY-MM-DD");
    return 0;
}

int wf_count(const struct calendar *cal, int days, bool working, day_t start, day_t *due,
             bool *provisional, struct err *e)
{
    if (!cal) return err_set(e, ERR_INTERNAL, "工作日日历未加载，无法计算期限");
    /* [R-CAL-01] working days (行政处罚法 第八十五条), or [R-CAL-03] calendar days (民法典
     * 第二百零三条) */
    int rc = working ? calendar_add_workdays(cal, start, days, due, e)
                     : calendar_add_days(cal, start, days, due, e);
    if (rc) return rc;
    /* a period of calendar days depends on the calendar only from its nominal last day on */
    *provisional = calendar_provisional_between(cal, working ? start : start + days - 1, *due);
    return 0;
}

/* The last day of rule's period starting on start, whether it is provisional (counted over a
 * year whose holiday notice is not loaded), the days counted (*days: the rule's, or its
 * setting's value now; 0 for a given date) and whether they are working days. */
static int due_day(const struct ctx *c, const struct wf_deadline_rule *rule, day_t start,
                   const struct wf_args *a, day_t *due, bool *provisional, int *days, bool *working,
                   struct err *e)
{
    *provisional = false;
    *days = rule->days;
    *working = rule->working;
    if (rule->days == 0) {
        if (!a || !a->due || !*a->due) return err_field(e, "due", "请填写%s", rule->label);
        if (date_parse(a->due, due)) return err_field(e, "due", "日期格式应为 YYYY-MM-DD");
        if (*due < start) return err_field(e, "due", "%s不能早于开始日期", rule->label);
        return 0;
    }
    /* [R-CMP-07] a period the agency may set: its value when the deadline opens */
    if (rule->setting && setting_int((struct ctx *)c, rule->setting, days, e)) return e->code;
    int w = *working;
    if (rule->working_setting && setting_int((struct ctx *)c, rule->working_setting, &w, e))
        return e->code;
    *working = w != 0;
    return wf_count(c->cal, *days, *working, start, due, provisional, e);
}

/* The value of wf_deadline's days column (NULL: a given date). */
static struct db_arg days_arg(int days)
{
    return days ? (struct db_arg){.type = 'i', .i = days} : (struct db_arg){.type = 'n'};
}

/* The INSERT of wf_deadline rows (db_insert_rows adds the VALUES), and its number of values. */
#define DEADLINE_INSERT                                                                            \
    "INSERT INTO wf_deadline (kind, object_id, agency_id, name, label, basis, start_on, due_on,"   \
    " days, working, provisional, party) VALUES"
#define DEADLINE_NCOLS 12

static int open_deadline(struct ctx *c, const struct workflow *w, int64_t id, int64_t agency_id,
                         const struct wf_deadline_rule *rule, day_t start, const struct wf_args *a,
                         struct err *e)
{
    day_t due;
    bool provisional, working;
    int days;
    int rc = due_day(c, rule, start, a, &due, &provisional, &days, &working, e);
    if (rc) return rc;
    char s[DATE_STRLEN], d[DATE_STRLEN];
    date_format(start, s);
    date_format(due, d);
    struct db_arg args[] = {
        {.type = 't', .s = w->kind},
        {.type = 'i', .i = id},
        {.type = 'i', .i = agency_id},
        {.type = 't', .s = rule->name},
        {.type = 't', .s = rule->label},
        {.type = 't', .s = rule->basis},
        {.type = 't', .s = s},
        {.type = 't', .s = d},
        days_arg(days),
        {.type = 'i', .i = working},
        {.type = 'i', .i = provisional},
        {.type = 'i', .i = rule->party},
    };
    int64_t n = db_insert_rows(c->db, e, DEADLINE_INSERT, DEADLINE_NCOLS, 1, args);
    return n < 0 ? (int)n : 0;
}

/* End open deadlines of the matter: the one named, with outcome (met, restart), or all of them
 * (void) when name is NULL. */
static int end_deadlines(struct ctx *c, const struct workflow *w, int64_t id, const char *name,
                         const char *outcome, day_t day, struct err *e)
{
    char d[DATE_STRLEN];
    date_format(day, d);
    int64_t n = name
                    ? db_exec(c->db, e,
                              "UPDATE wf_deadline SET ended_on = ?, outcome = ?"
                              " WHERE kind = ? AND object_id = ? AND name = ? AND ended_on IS NULL",
                              "tttit", d, outcome, w->kind, id, name)
                    : db_exec(c->db, e,
                              "UPDATE wf_deadline SET ended_on = ?, outcome = 'void'"
                              " WHERE kind = ? AND object_id = ? AND ended_on IS NULL",
                              "tti", d, w->kind, id);
    return n < 0 ? (int)n : 0;
}

/* Lengthen the open deadline name of the matter by extra days: counted again from its start over
 * its days plus extra, or from its last day for a given date; the first last day is kept in
 * original_due_on. ERR_INVALID when no such deadline is open. Callers: extend_deadline,
 * resume_deadline. */
static int lengthen_deadline(struct ctx *c, const struct workflow *w, int64_t id, const char *name,
                             int64_t extra, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT id, start_on, due_on, COALESCE(days, 0), working"
                                  " FROM wf_deadline WHERE kind = ? AND object_id = ? AND name = ?"
                                  " AND ended_on IS NULL",
                                  "tit", w->kind, id, name);
    if (!st) return e->code;
    int rc = db_step(st, e);
    int64_t did = 0, days = 0;
    bool working = false;
    day_t start = 0, due = 0;
    if (rc == DB_ROW) {
        did = db_int(st, 0);
        days = db_int(st, 3);
        working = db_int(st, 4) != 0;
        if (date_parse(db_text(st, days ? 1 : 2), &start)) rc = DB_DONE;
    }
    db_done(st);
    if (rc < 0) return rc;
    if (rc != DB_ROW) return err_set(e, ERR_INVALID, "没有可以延长的期限");
    bool provisional;
    rc = wf_count(c->cal, (int)((days ? days : 0) + extra), working, start, &due, &provisional, e);
    if (rc) return rc;
    char d[DATE_STRLEN];
    date_format(due, d);
    int64_t n =
        db_exec(c->db, e,
                "UPDATE wf_deadline SET original_due_on = COALESCE(original_due_on, due_on),"
                " due_on = ?, days = CASE WHEN days IS NULL THEN NULL ELSE days + ? END,"
                " provisional = ? WHERE id = ?",
                "tiii", d, extra, (int64_t)provisional, did);
    return n < 0 ? (int)n : 0;
}

/* Extend the open deadline name of the matter by the whole days of input "days" (t->extends).
 * ERR_INVALID when days is not a positive whole number or no such deadline is open. */
static int extend_deadline(struct ctx *c, const struct workflow *w, int64_t id, const char *name,
                           const struct wf_args *a, struct err *e)
{
    int64_t extra;
    if (parse_i64(wf_arg(a, "days"), &extra) || extra <= 0 || extra > 3650)
        return err_field(e, "days", "延长天数应为正整数");
    return lengthen_deadline(c, w, id, name, extra, e);
}

/* Stop counting the open deadline name of the matter from day (t->pauses). */
static int pause_deadline(struct ctx *c, const struct workflow *w, int64_t id, const char *name,
                          day_t day, struct err *e)
{
    char d[DATE_STRLEN];
    date_format(day, d);
    int64_t n = db_exec(c->db, e,
                        "UPDATE wf_deadline SET paused_on = ? WHERE kind = ? AND object_id = ?"
                        " AND name = ? AND ended_on IS NULL AND paused_on IS NULL",
                        "ttit", d, w->kind, id, name);
    if (n < 0) return (int)n;
    return n ? 0 : err_set(e, ERR_INVALID, "没有可以暂停计算的期限");
}

/* Count the paused deadline name of the matter again from day (t->resumes): it is lengthened by
 * the days after its pause began up to day (working days for a working-day period). Fills
 * a->reason when the step has none. */
static int resume_deadline(struct ctx *c, const struct workflow *w, int64_t id, const char *name,
                           day_t day, struct wf_args *a, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT paused_on, working FROM wf_deadline WHERE kind = ?"
                                  " AND object_id = ? AND name = ? AND ended_on IS NULL"
                                  " AND paused_on IS NOT NULL",
                                  "tit", w->kind, id, name);
    if (!st) return e->code;
    int rc = db_step(st, e);
    day_t from = 0;
    bool working = false;
    if (rc == DB_ROW) {
        working = db_int(st, 1) != 0;
        if (date_parse(db_text(st, 0), &from)) rc = DB_DONE;
    }
    db_done(st);
    if (rc < 0) return rc;
    if (rc != DB_ROW) return err_set(e, ERR_INVALID, "没有暂停计算的期限");
    if (day < from) return err_field(e, "date", "日期不能早于暂停之日");
    int n = (int)(day - from);
    if (working && calendar_workdays_between(c->cal, from, day, &n, e)) return e->code;
    rc = n > 0 ? lengthen_deadline(c, w, id, name, n, e) : 0;
    if (rc) return rc;
    if (!a->reason || !*a->reason)
        a->reason =
            arena_printf(c->arena, "暂停期间 %d 个%s不计入期限", n, working ? "工作日" : "日");
    return db_exec(c->db, e,
                   "UPDATE wf_deadline SET paused_on = NULL WHERE kind = ? AND object_id = ?"
                   " AND name = ? AND ended_on IS NULL",
                   "tit", w->kind, id, name) < 0
               ? e->code
               : 0;
}

static int record_step(struct ctx *c, const struct workflow *w, int64_t id, int64_t agency_id,
                       const char *from, const char *action, const char *to, day_t day,
                       const struct wf_args *a, struct err *e)
{
    char d[DATE_STRLEN];
    date_format(day, d);
    int64_t n = db_exec(c->db, e,
                        "INSERT INTO wf_step (kind, object_id, agency_id, from_state, action,"
                        " to_state, day, at, user_id, username, reason, note, ref_id)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        "tiittttiIttti", w->kind, id, agency_id, from, action, to, d, c->now,
                        c->who->user_id, c->who->username ? c->who->username : "system",
                        a && a->reason && *a->reason ? a->reason : NULL,
                        a && a->note && *a->note ? a->note : NULL, a ? a->ref_id : 0);
    return n < 0 ? (int)n : 0;
}

/* ---- starting and moving a matter ------------------------------------------------------------ */

int wf_start(struct ctx *c, const struct workflow *w, int64_t id,
             const struct wf_deadline_rule *start, const struct wf_args *a, struct err *e)
{
    const char *state;
    int64_t agency_id;
    day_t day;
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    rc = load_matter(c, w, id, &state, &agency_id, e);
    if (!rc) rc = step_day(c, a, &day, e);
    if (!rc) rc = record_step(c, w, id, agency_id, "", "start", state, day, a, e);
    if (!rc && start) rc = open_deadline(c, w, id, agency_id, start, day, a, e);
    if (rc) {
        db_rollback(c->db);
        return rc;
    }
    return db_commit(c->db, e);
}

/* The state and agency of each of the n matters ids (n ≤ a few hundred), in the order of ids,
 * each in the actor's scope (else ERR_NOTFOUND, as load_matter). States are arena copies. */
static int load_matters(struct ctx *c, const struct workflow *w, const int64_t *ids, size_t n,
                        const char **state, int64_t *agency_id, struct err *e)
{
    struct buf sql = {0};
    buf_addf(&sql,
             "SELECT x.id, x.state, x.agency_id, a.path FROM %s x"
             " JOIN agency a ON a.id = x.agency_id WHERE x.id IN (",
             w->table);
    struct db_arg *args = xcalloc(n ? n : 1, sizeof *args);
    for (size_t i = 0; i < n; i++) {
        buf_adds(&sql, i ? ", ?" : "?");
        args[i] = (struct db_arg){.type = 'i', .i = ids[i]};
        state[i] = NULL;
    }
    buf_addc(&sql, ')');
    struct db_stmt *st = db_query_args(c->db, e, buf_str(&sql), (int)n, args);
    int rc = st ? 0 : e->code;
    size_t hint = 0;
    while (!rc && (rc = db_step(st, e)) == DB_ROW) {
        rc = 0;
        int64_t id = db_int(st, 0);
        /* (a matter outside the subtree but in reach is for the single step of wf_apply) */
        if (c->who->user_id != 0 && !actor_sees_path(c->who, db_text(st, 3))) continue;
        for (size_t k = 0; k < n; k++, hint = (hint + 1) % n) /* rows mostly come in order */
            if (ids[hint] == id && !state[hint]) {
                state[hint] = arena_strdup(c->arena, db_text(st, 1));
                agency_id[hint] = db_int(st, 2);
                break;
            }
    }
    db_done(st);
    for (size_t i = 0; rc >= 0 && i < n; i++)
        if (!state[i]) rc = err_set(e, ERR_NOTFOUND, "记录不存在或不在您的管辖范围内");
    free(args);
    buf_free(&sql);
    return rc < 0 ? rc : 0;
}

/* The step rows and deadline rows of wf_start for n matters (states and agencies given), with
 * one multi-row INSERT each. */
static int start_rows(struct ctx *c, const struct workflow *w, const int64_t *ids, size_t n,
                      const char *const *state, const int64_t *agency_id,
                      const struct wf_deadline_rule *start, const char *day, const char *due,
                      bool provisional, const struct wf_args *a, struct err *e)
{
    struct db_arg *args = xcalloc(n ? n * 13 : 1, sizeof *args);
    const char *reason = a && a->reason && *a->reason ? a->reason : NULL;
    const char *note = a && a->note && *a->note ? a->note : NULL;
    for (size_t i = 0; i < n; i++) {
        struct db_arg *r = args + i * 13;
        r[0] = (struct db_arg){.type = 't', .s = w->kind};
        r[1] = (struct db_arg){.type = 'i', .i = ids[i]};
        r[2] = (struct db_arg){.type = 'i', .i = agency_id[i]};
        r[3] = (struct db_arg){.type = 't', .s = ""};
        r[4] = (struct db_arg){.type = 't', .s = "start"};
        r[5] = (struct db_arg){.type = 't', .s = state[i]};
        r[6] = (struct db_arg){.type = 't', .s = day};
        r[7] = (struct db_arg){.type = 'i', .i = c->now};
        r[8] = c->who->user_id ? (struct db_arg){.type = 'i', .i = c->who->user_id}
                               : (struct db_arg){.type = 'n'};
        r[9] = (struct db_arg){.type = 't', .s = c->who->username ? c->who->username : "system"};
        r[10] = (struct db_arg){.type = 't', .s = reason};
        r[11] = (struct db_arg){.type = 't', .s = note};
        r[12] = (struct db_arg){.type = 'i', .i = a ? a->ref_id : 0};
    }
    int64_t rc = db_insert_rows(c->db, e,
                                "INSERT INTO wf_step (kind, object_id, agency_id, from_state,"
                                " action, to_state, day, at, user_id, username, reason, note,"
                                " ref_id) VALUES",
                                13, n, args);
    for (size_t i = 0; start && rc >= 0 && i < n; i++) {
        struct db_arg *r = args + i * DEADLINE_NCOLS;
        r[0] = (struct db_arg){.type = 't', .s = w->kind};
        r[1] = (struct db_arg){.type = 'i', .i = ids[i]};
        r[2] = (struct db_arg){.type = 'i', .i = agency_id[i]};
        r[3] = (struct db_arg){.type = 't', .s = start->name};
        r[4] = (struct db_arg){.type = 't', .s = start->label};
        r[5] = (struct db_arg){.type = 't', .s = start->basis};
        r[6] = (struct db_arg){.type = 't', .s = day};
        r[7] = (struct db_arg){.type = 't', .s = due};
        r[8] = days_arg(start->days);
        r[9] = (struct db_arg){.type = 'i', .i = start->working};
        r[10] = (struct db_arg){.type = 'i', .i = provisional};
        r[11] = (struct db_arg){.type = 'i', .i = start->party};
    }
    if (start && rc >= 0) rc = db_insert_rows(c->db, e, DEADLINE_INSERT, DEADLINE_NCOLS, n, args);
    free(args);
    return rc < 0 ? (int)rc : 0;
}

/* Matters per round of wf_start_many (one SELECT and one INSERT of each kind). */
#define START_BATCH 500

int wf_start_many(struct ctx *c, const struct workflow *w, const int64_t *ids, size_t n,
                  const struct wf_deadline_rule *start, const struct wf_args *a, struct err *e)
{
    day_t day, due = 0;
    bool provisional = false, working;
    int rc = step_day(c, a, &day, e);
    int days;
    if (!rc && start) /* one for all */
        rc = due_day(c, start, day, a, &due, &provisional, &days, &working, e);
    if (!rc && start && (start->setting || start->working_setting))
        rc = err_set(e, ERR_INTERNAL, "wf_start_many: a period from a setting is not supported");
    if (rc) return rc;
    char d[DATE_STRLEN], u[DATE_STRLEN];
    date_format(day, d);
    date_format(due, u);
    rc = db_begin(c->db, e);
    if (rc) return rc;
    const char *state[START_BATCH];
    int64_t agency_id[START_BATCH];
    for (size_t at = 0; !rc && at < n; at += START_BATCH) {
        size_t k = n - at < START_BATCH ? n - at : START_BATCH;
        rc = load_matters(c, w, ids + at, k, state, agency_id, e);
        if (!rc)
            rc = start_rows(c, w, ids + at, k, state, agency_id, start, d, u, provisional, a, e);
    }
    if (rc) {
        db_rollback(c->db);
        return rc;
    }
    return db_commit(c->db, e);
}

/* The states step action starts from, as a person reads them: 「草稿」或「已退回」. */
static const char *from_states(struct ctx *c, const struct workflow *w, const char *action)
{
    const char *out = "";
    for (size_t i = 0; i < w->nsteps; i++)
        if (strcmp(w->steps[i].action, action) == 0)
            out = arena_printf(c->arena, "%s%s「%s」", out, *out ? "或" : "",
                               wf_state_label(w, w->steps[i].from));
    return out;
}

/* Check that step action may be taken on matter id now: its state, permission, inputs and
 * guard, in that order. *t is the transition. */
static int check_step(struct ctx *c, const struct workflow *w, const char *action,
                      const char *state, int64_t id, struct wf_args *a,
                      const struct wf_transition **t, struct err *e)
{
    *t = find_step(w, state, action);
    if (!*t) {
        const char *label = any_step(w, action)->label, *now = wf_state_label(w, state);
        return err_set(e, ERR_CONFLICT, "「%s」须在%s状态下进行，当前为「%s」", label,
                       from_states(c, w, action), now ? now : state);
    }
    if (!may(c, (*t)->perm)) return err_set(e, ERR_FORBIDDEN, "您没有权限执行「%s」", (*t)->label);
    if (check_inputs(c, *t, a, e)) return e->code;
    if ((*t)->guard && (*t)->guard(c, id, a, e)) return e->code;
    /* [R-CAL-09] a step is recorded on or after its day: a past day may be entered (a record
     * made late), a future one not; a guard's own message about the day comes first */
    day_t day;
    if (step_day(c, a, &day, e)) return e->code;
    if (day > date_from_instant(c->now))
        return err_field(e, "date", "日期不能晚于今天：办理步骤按实际发生的日期登记");
    return 0;
}

/* Move the matter's row from state to t->to; ERR_CONFLICT when someone moved it first. */
static int move(struct ctx *c, const struct workflow *w, int64_t id, const char *state,
                const struct wf_transition *t, struct err *e)
{
    const char *sql =
        arena_printf(c->arena, "UPDATE %s SET state = ? WHERE id = ? AND state = ?", w->table);
    int64_t n = db_exec(c->db, e, sql, "tit", t->to, id, state);
    if (n < 0) return (int)n;
    if (n == 0) return err_set(e, ERR_CONFLICT, "记录已被他人处理，请刷新后重试");
    return 0;
}

/* The step t as its documents print it: action, label, date, reason (and its label), note and
 * every other declared input, by name (new reference). */
static json_t *step_json(const struct workflow *w, const struct wf_transition *t, const char *date,
                         const struct wf_args *a)
{
    json_t *o = json_object();
    jset_text(o, "action", t->action);
    jset_text(o, "label", t->label);
    for (const struct wf_input *in = t->inputs; in && in->name; in++)
        jset_text(o, in->name, wf_arg(a, in->name));
    jset_text(o, "date", date); /* the step's day, whatever its input held */
    jset_text(o, "reason", a->reason);
    jset_text(o, "reason_label", a->reason ? reason_label(w, a->reason) : NULL);
    jset_text(o, "note", a->note);
    return o;
}

/* Issue the documents step t declares for the matter, dated day, and keep their PDFs. */
static int issue_documents(struct ctx *c, const struct workflow *w, const struct wf_transition *t,
                           int64_t id, int64_t agency_id, day_t day, const struct wf_args *a,
                           struct err *e)
{
    if (!t->documents || !t->documents[0]) return 0;
    const char *line = NULL;
    if (w->line_column) {
        struct db_stmt *st = db_query(
            c->db, e,
            arena_printf(c->arena, "SELECT %s FROM %s WHERE id = ?", w->line_column, w->table), "i",
            id);
        if (!st) return e->code;
        if (db_step(st, e) == DB_ROW) line = arena_strdup(c->arena, db_text(st, 0));
        db_done(st);
        if (e->code) return e->code;
    }
    const char *fixed = NULL;
    if (t->numbered) {
        struct db_stmt *st = db_query(
            c->db, e,
            arena_printf(c->arena, "SELECT %s FROM %s WHERE id = ?", t->numbered, w->table), "i",
            id);
        if (!st) return e->code;
        if (db_step(st, e) == DB_ROW && !db_null(st, 0))
            fixed = arena_strdup(c->arena, db_text(st, 0));
        db_done(st);
        if (e->code) return e->code;
    }
    char d[DATE_STRLEN];
    date_format(day, d);
    for (const char *const *type = t->documents; *type; type++) {
        int64_t doc;
        const char *number = fixed;
        int rc = fixed
                     ? document_issue_as(c, *type, agency_id, line, d, fixed, w->kind, id, &doc, e)
                     : document_issue(c, *type, agency_id, line, d, w->kind, id, &doc, &number, e);
        if (!rc) rc = document_keep(c, doc, step_json(w, t, d, a), e);
        if (rc) return rc;
    }
    return 0;
}

static int audit_step(struct ctx *c, const struct workflow *w, const struct wf_transition *t,
                      int64_t id, const char *state, const struct wf_args *a)
{
    bool why = a->reason && *a->reason;
    const char *action = t->audit ? t->audit : arena_printf(c->arena, "%s.%s", w->kind, t->action);
    return audit_write(c, action, w->kind, id, "%s：%s → %s%s%s", t->label,
                       wf_state_label(w, state), wf_state_label(w, t->to), why ? "，" : "",
                       why ? reason_label(w, a->reason) : "");
}

/* Everything a step writes once it may be taken: the move, its effect, its record, deadlines,
 * documents and the audit row. */
static int take(struct ctx *c, const struct workflow *w, const struct wf_transition *t, int64_t id,
                int64_t agency_id, const char *state, day_t day, struct wf_args *a, struct err *e)
{
    int rc = t->before ? t->before(c, id, a, e) : 0;
    if (!rc) rc = move(c, w, id, state, t, e);
    if (!rc && t->effect) rc = t->effect(c, id, a, e);
    if (!rc && t->pauses) rc = pause_deadline(c, w, id, t->pauses, day, e);
    if (!rc && t->resumes) rc = resume_deadline(c, w, id, t->resumes, day, a, e);
    if (!rc) rc = record_step(c, w, id, agency_id, state, t->action, t->to, day, a, e);
    if (!rc && t->extends) rc = extend_deadline(c, w, id, t->extends, a, e);
    if (!rc && t->meets) rc = end_deadlines(c, w, id, t->meets, "met", day, e);
    if (!rc && t->restarts) rc = end_deadlines(c, w, id, t->restarts, "restart", day, e);
    if (!rc && state_final(w, t->to)) rc = end_deadlines(c, w, id, NULL, NULL, day, e);
    if (!rc && t->start) rc = open_deadline(c, w, id, agency_id, t->start, day, a, e);
    if (!rc) rc = issue_documents(c, w, t, id, agency_id, day, a, e);
    if (!rc) rc = audit_step(c, w, t, id, state, a);
    return rc;
}

int wf_take(struct ctx *c, const struct workflow *w, int64_t id, const char *action,
            struct wf_args *a, const char **to, struct err *e)
{
    if (!action || !any_step(w, action)) return err_field(e, "action", "未知的操作");
    const char *state;
    const struct wf_transition *t = NULL;
    int64_t agency_id;
    day_t day;
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    rc = load_matter(c, w, id, &state, &agency_id, e);
    if (!rc) rc = check_step(c, w, action, state, id, a, &t, e);
    if (!rc) rc = step_day(c, a, &day, e);
    bool effect_ran = !rc;
    if (!rc) rc = take(c, w, t, id, agency_id, state, day, a, e);
    if (rc) {
        db_rollback(c->db);
        if (effect_ran && rc == ERR_INVALID && t->refused) rc = t->refused(c, id, a, e);
        return rc;
    }
    rc = db_commit(c->db, e);
    if (!rc && to) *to = t->to;
    return rc;
}

int wf_apply(struct ctx *c, const struct workflow *w, int64_t id, const char *action,
             const struct wf_args *a, const char **to, struct err *e)
{
    struct wf_args x = a ? *a : (struct wf_args){0};
    x.details = NULL;
    int rc = wf_take(c, w, id, action, &x, to, e);
    json_decref(x.details);
    return rc;
}

/* Everything an entry step writes: its effect, record, deadline and documents. */
static int enter(struct ctx *c, const struct workflow *w, const struct wf_transition *t, int64_t id,
                 struct wf_args *a, struct err *e)
{
    const char *state;
    int64_t agency_id;
    day_t day;
    int rc = load_matter(c, w, id, &state, &agency_id, e);
    if (!rc && strcmp(state, t->to) != 0)
        rc = err_set(e, ERR_INTERNAL, "「%s」的记录应处于「%s」状态", t->label,
                     wf_state_label(w, t->to));
    if (!rc && !may(c, t->perm)) rc = err_set(e, ERR_FORBIDDEN, "您没有权限执行「%s」", t->label);
    if (!rc) rc = step_day(c, a, &day, e);
    if (!rc && t->effect) rc = t->effect(c, id, a, e);
    if (!rc) rc = record_step(c, w, id, agency_id, "", t->action, t->to, day, a, e);
    if (!rc && t->start) rc = open_deadline(c, w, id, agency_id, t->start, day, a, e);
    if (!rc) rc = issue_documents(c, w, t, id, agency_id, day, a, e);
    return rc;
}

int wf_enter(struct ctx *c, const struct workflow *w, int64_t id, const char *action,
             struct wf_args *a, struct err *e)
{
    const struct wf_transition *t = find_step(w, "", action);
    if (!t) return err_set(e, ERR_INTERNAL, "未声明的开始步骤：%s", action ? action : "");
    int rc = db_begin(c->db, e);
    if (!rc) rc = enter(c, w, t, id, a, e);
    if (rc) {
        db_rollback(c->db);
        return rc;
    }
    return db_commit(c->db, e);
}

/* ---- what the pages show --------------------------------------------------------------------- */

static const char *const input_kinds[] = {
    [WF_TEXT] = "text", [WF_DATE] = "date", [WF_CODE] = "code", [WF_PICK] = "pick"};

/* The inputs of step t as a page or a client reads them. */
static json_t *inputs_json(struct ctx *c, const struct wf_transition *t, int64_t id)
{
    json_t *out = json_array();
    for (const struct wf_input *in = t->inputs; in && in->name; in++) {
        json_t *opts = in->choose ? in->choose(c, id) : NULL;
        if (!opts) opts = wf_input_options(in);
        json_array_append_new(out, jpack("{ss ss ss sb si so}", "name", in->name, "label",
                                         in->label, "kind", input_kinds[in->kind], "required",
                                         in->required, "max", in->max, "options", opts));
    }
    return out;
}

json_t *wf_actions(struct ctx *c, const struct workflow *w, int64_t id, const char *state)
{
    json_t *out = json_array();
    for (size_t i = 0; state && i < w->nsteps; i++) {
        const struct wf_transition *t = &w->steps[i];
        if (strcmp(t->from, state) != 0 || !may(c, t->perm)) continue;
        json_t *o = json_object();
        jset_text(o, "action", t->action);
        jset_text(o, "label", t->label);
        jset_text(o, "to", t->to);
        jset_text(o, "to_label", wf_state_label(w, t->to));
        jset_bool(o, "internal", t->internal);
        jset_text(o, "confirm", t->confirm);
        json_object_set_new(o, "inputs", inputs_json(c, t, id));
        json_array_append_new(out, o);
    }
    return out;
}

static json_t *history_steps(struct ctx *c, const struct workflow *w, int64_t id, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT s.at, s.day, s.from_state, s.action, s.to_state,"
                                  " s.username, s.note, s.reason, s.ref_id, u.display_name"
                                  " FROM wf_step s LEFT JOIN app_user u ON u.id = s.user_id"
                                  " WHERE s.kind = ? AND s.object_id = ? ORDER BY s.id",
                                  "ti", w->kind, id);
    if (!st) return NULL;
    json_t *out = json_array();
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW) {
        json_t *o = json_object();
        json_object_set_new(o, "at", json_integer(db_int(st, 0)));
        jset_text(o, "date", db_text(st, 1));
        jset_text(o, "from", db_text(st, 2));
        jset_text(o, "from_label", wf_state_label(w, db_text(st, 2)));
        jset_text(o, "action", db_text(st, 3));
        const struct wf_transition *t = find_step(w, db_text(st, 2), db_text(st, 3));
        bool start = strcmp(db_text(st, 3), "start") == 0;
        jset_text(o, "action_label",
                  t                ? t->label
                  : !start         ? NULL
                  : w->start_label ? w->start_label
                                   : "登记");
        jset_text(o, "to", db_text(st, 4));
        jset_text(o, "to_label", wf_state_label(w, db_text(st, 4)));
        jset_text(o, "username", db_text(st, 5));
        jset_text(o, "name", audit_person(db_text(st, 9), db_text(st, 5)));
        jset_text(o, "note", db_text(st, 6));
        jset_text(o, "reason", db_text(st, 7));
        jset_text(o, "reason_label", reason_label(w, db_text(st, 7)));
        if (!db_null(st, 8)) json_object_set_new(o, "ref_id", json_integer(db_int(st, 8)));
        json_array_append_new(out, o);
    }
    db_done(st);
    if (rc < 0) {
        json_decref(out);
        return NULL;
    }
    return out;
}

/* One deadline row (columns: DEADLINE_COLS). */
static json_t *deadline_row(struct db_stmt *st, const char *today)
{
    json_t *o = json_object();
    jset_text(o, "kind", db_text(st, 0));
    json_object_set_new(o, "object_id", json_integer(db_int(st, 1)));
    jset_text(o, "name", db_text(st, 2));
    jset_text(o, "label", db_text(st, 3));
    jset_text(o, "basis", db_text(st, 4));
    jset_text(o, "start", db_text(st, 5));
    const char *due = db_text(st, 6), *ended = db_text(st, 7);
    jset_text(o, "due", due);
    jset_text(o, "ended", ended);
    jset_text(o, "outcome", db_text(st, 8));
    jset_bool(o, "met", ended && db_text(st, 8) && strcmp(db_text(st, 8), "met") == 0);
    jset_bool(o, "restarted", ended && db_text(st, 8) && strcmp(db_text(st, 8), "restart") == 0);
    bool paused = !db_null(st, 11), party = db_int(st, 12) != 0;
    jset_bool(o, "party", party);
    jset_bool(o, "overdue", !ended && !paused && !party && strcmp(due, today) < 0);
    jset_bool(o, "lapsed", !ended && party && strcmp(due, today) < 0);
    jset_bool(o, "late",
              ended && strcmp(ended, due) > 0 && db_text(st, 8) &&
                  strcmp(db_text(st, 8), "met") == 0);
    jset_bool(o, "provisional", db_int(st, 9) != 0);
    jset_text(o, "original_due", db_text(st, 10)); /* before an extension, or NULL */
    jset_text(o, "paused_on", db_text(st, 11));    /* not counted since, or NULL */
    return o;
}

#define DEADLINE_COLS                                                                              \
    "d.kind, d.object_id, d.name, d.label, d.basis, d.start_on, d.due_on, d.ended_on, d.outcome,"  \
    " d.provisional, d.original_due_on, d.paused_on, d.party"

static json_t *history_deadlines(struct ctx *c, const struct workflow *w, int64_t id, struct err *e)
{
    char today[DATE_STRLEN];
    date_format(date_from_instant(c->now), today);
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT " DEADLINE_COLS " FROM wf_deadline d"
                                  " WHERE d.kind = ? AND d.object_id = ? ORDER BY d.id",
                                  "ti", w->kind, id);
    if (!st) return NULL;
    json_t *out = json_array();
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW)
        json_array_append_new(out, deadline_row(st, today));
    db_done(st);
    if (rc < 0) {
        json_decref(out);
        return NULL;
    }
    return out;
}

json_t *wf_steps(struct ctx *c, const struct workflow *w, int64_t id, struct err *e)
{
    return history_steps(c, w, id, e);
}

json_t *wf_history(struct ctx *c, const struct workflow *w, int64_t id, struct err *e)
{
    json_t *steps = history_steps(c, w, id, e);
    json_t *deadlines = steps ? history_deadlines(c, w, id, e) : NULL;
    if (!deadlines) {
        json_decref(steps);
        return NULL;
    }
    json_t *o = json_object();
    json_object_set_new(o, "steps", steps);
    json_object_set_new(o, "deadlines", deadlines);
    return o;
}

json_t *wf_deadlines(struct ctx *c, int within, int limit, struct err *e)
{
    day_t today = date_from_instant(c->now);
    char t[DATE_STRLEN], until[DATE_STRLEN];
    date_format(today, t);
    date_format(today + within, until);
    const char *scope = c->who->user_id == 0 ? "/%" : actor_scope(c);
    struct db_stmt *st =
        db_query(c->db, e,
                 "SELECT " DEADLINE_COLS " FROM wf_deadline d"
                 " JOIN agency a ON a.id = d.agency_id"
                 " WHERE d.ended_on IS NULL AND d.paused_on IS NULL AND d.party = 0"
                 " AND d.due_on <= ? AND a.path LIKE ?"
                 " ORDER BY d.due_on, d.id LIMIT ?",
                 "tti", until, scope, (int64_t)limit);
    if (!st) return NULL;
    json_t *out = json_array();
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW)
        json_array_append_new(out, deadline_row(st, t));
    db_done(st);
    if (rc < 0) {
        json_decref(out);
        return NULL;
    }
    return out;
}

/* ---- counting deadlines again after the calendar changed ------------------------------------ */

/* One deadline read for counting again. */
struct wf_pending {
    int64_t id, object_id, agency_id; /* the deadline, its matter and the matter's agency */
    const char *kind, *label, *due;   /* arena copies */
    day_t start;                      /* the day its period counts from */
    int days;                         /* the rule's period */
    bool working;                     /* in working days */
    bool provisional;                 /* counted provisionally */
};

#define PENDING_COLS                                                                               \
    "SELECT id, kind, object_id, agency_id, label, start_on, due_on, days, working, provisional"   \
    " FROM wf_deadline WHERE days IS NOT NULL AND "

/* The deadlines with a rule to count again (arena), into *out: the provisional ones, or (day not
 * NULL) those whose period runs over day. Returns how many or a negative error. */
static int64_t pending_read(struct ctx *c, const char *day, struct wf_pending **out, struct err *e)
{
    struct db_stmt *st =
        day ? db_query(c->db, e, PENDING_COLS "start_on < ? AND due_on >= ? ORDER BY id", "tt", day,
                       day)
            : db_query(c->db, e, PENDING_COLS "provisional = 1 ORDER BY id", "");
    if (!st) return e->code;
    size_t n = 0, cap = 16;
    struct wf_pending *p = arena_alloc(c->arena, cap * sizeof *p);
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (n == cap) {
            struct wf_pending *grown = arena_alloc(c->arena, 2 * cap * sizeof *p);
            memcpy(grown, p, cap * sizeof *p);
            p = grown;
            cap *= 2;
        }
        struct wf_pending *d = &p[n];
        d->id = db_int(st, 0);
        d->kind = arena_strdup(c->arena, db_text(st, 1));
        d->object_id = db_int(st, 2);
        d->agency_id = db_int(st, 3);
        d->label = arena_strdup(c->arena, db_text(st, 4));
        d->due = arena_strdup(c->arena, db_text(st, 6));
        d->days = (int)db_int(st, 7);
        d->working = db_int(st, 8) != 0;
        d->provisional = db_int(st, 9) != 0;
        if (date_parse(db_text(st, 5), &d->start) == 0) n++;
    }
    db_done(st);
    *out = p;
    return rc < 0 ? rc : (int64_t)n;
}

/* Deadlines counted again whose last day or mark changed: the UPDATE's values, three a row. */
#define RECOUNT_NCOLS 3

/* Count deadline d again on cal: when its last day or mark changes, the values to store go to
 * upd (*nupd advanced), and a move of the last day to moved and to the audit rows (*naudit). */
static int pending_recount(struct ctx *c, const struct calendar *cal, const struct wf_pending *d,
                           struct db_arg *upd, size_t *nupd, struct audit_entry *audit,
                           size_t *naudit, json_t *moved, struct err *e)
{
    day_t due;
    bool provisional;
    int rc = wf_count(cal, d->days, d->working, d->start, &due, &provisional, e);
    if (rc) return rc;
    char *nd = arena_alloc(c->arena, DATE_STRLEN);
    date_format(due, nd);
    bool same = strcmp(nd, d->due) == 0;
    if (same && provisional == d->provisional) return 0;
    struct db_arg *u = upd + RECOUNT_NCOLS * (*nupd)++;
    u[0] = (struct db_arg){.type = 'i', .i = d->id};
    u[1] = (struct db_arg){.type = 't', .s = nd};
    u[2] = (struct db_arg){.type = 'i', .i = provisional};
    if (same) return 0;
    json_array_append_new(moved, jpack("{sI ss sI ss ss ss}", "id", (json_int_t)d->id, "kind",
                                       d->kind, "object_id", (json_int_t)d->object_id, "label",
                                       d->label, "old_due", d->due, "new_due", nd));
    audit[(*naudit)++] = (struct audit_entry){
        d->agency_id, arena_printf(c->arena, "%s.deadline", d->kind), d->kind, d->object_id,
        arena_printf(c->arena, "%s由 %s%s调整为 %s%s：节假日安排变更", d->label, d->due,
                     d->provisional ? "（暂定）" : " ", nd, provisional ? "（暂定）" : "")};
    return 0;
}

/* [R-CAL-05] every provisional deadline counted again once its year is loaded */
int wf_recount(struct ctx *c, const struct calendar *cal, const char *day, int *recounted,
               json_t *moved, struct err *e)
{
    assert(db_depth(c->db) > 0);
    struct wf_pending *p = NULL;
    int64_t n = pending_read(c, day, &p, e);
    if (n < 0) return (int)n;
    struct db_arg *upd = xcalloc((size_t)n * RECOUNT_NCOLS + 1, sizeof *upd);
    struct audit_entry *audit = xcalloc((size_t)n + 1, sizeof *audit);
    size_t nupd = 0, naudit = 0;
    int rc = 0;
    for (int64_t i = 0; i < n && !rc; i++)
        rc = pending_recount(c, cal, &p[i], upd, &nupd, audit, &naudit, moved, e);
    /* a few statements for any number of deadlines (one UPDATE a deadline would take minutes
     * for a province's December on PostgreSQL) */
    int64_t done =
        rc ? rc
           : db_rows(c->db, e,
                     "UPDATE wf_deadline SET due_on = v.column2, provisional = v.column3"
                     " FROM (VALUES",
                     "(CAST(? AS BIGINT), ?, CAST(? AS INTEGER))",
                     ") AS v WHERE wf_deadline.id = v.column1", RECOUNT_NCOLS, nupd, upd);
    if (done >= 0) done = audit_write_many(c, audit, naudit);
    free(upd);
    free(audit);
    if (done < 0) return (int)done;
    *recounted = (int)n;
    return 0;
}

/* ---- the area's tables (law/area.h) ------------------------------------------------------- */

static const struct table_decl tables[] = {
    {"wf_step",
     "流程记录",
     true,
     "id",
     {{"agency_id", "agency", REF_ID}, {"user_id", "app_user", REF_ID}}},
    {"wf_deadline", "办理期限", true, "id", {{"agency_id", "agency", REF_ID}}},
};

static const struct table_left left[] = {
    {"deadline_move", "载入节假日安排时调整的期限：源库的日历历史，其审计记录随审计链存档", false},
};

const struct law_area law_area_workflow = {"workflow", tables, countof(tables), left,
                                           countof(left)};
