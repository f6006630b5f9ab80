/* pages.h — every handler in the route table (routes.c), grouped by the file that defines it. */
#ifndef LANDUN_PAGES_H
#define LANDUN_PAGES_H

#include "web/http.h"

/* home.c */
int home_page(struct req *r, struct resp *w);
int health_check(struct req *r, struct resp *w);
int asset_get(struct req *r, struct resp *w);
int openapi_get(struct req *r, struct resp *w);
/* The API description: the route table's API routes merged with assets/openapi.json (owned). */
json_t *openapi_doc(void);

/* step.c */
/* Take the declared workflow step of the route (struct step_route): its inputs from the form
 * or JSON body, then web_after_write with the area's record page. */
int step_submit(struct req *r, struct resp *w);
/* Prepare data["actions"] (wf_actions) of a record page for the step forms
 * (templates/wf/steps.html): each action's base URL and input flags, the refused step's values
 * and messages, can_<action> flags, and done_<action> from ?done=. */
void page_steps(struct req *r, json_t *data, const char *base);
/* Offer no form for action among the steps page_steps prepared in data (a rated complaint or
 * petition is not offered its rating again: the guard would refuse a second one). Callers:
 * complaint_show, petition_show. */
void page_steps_no_form(json_t *data, const char *action);

/* auth.c */
int login_form(struct req *r, struct resp *w);
int login_submit(struct req *r, struct resp *w);
int logout_submit(struct req *r, struct resp *w);
int me_get(struct req *r, struct resp *w);
int me_password(struct req *r, struct resp *w);

/* entity.c */
int entity_index(struct req *r, struct resp *w);
int entity_new(struct req *r, struct resp *w);
int entity_create(struct req *r, struct resp *w);
int entity_show(struct req *r, struct resp *w);
int entity_edit(struct req *r, struct resp *w);
int entity_save(struct req *r, struct resp *w);
int entity_licence_add(struct req *r, struct resp *w);
int entity_licence_delete(struct req *r, struct resp *w);
int entity_export(struct req *r, struct resp *w);

/* officer.c */
int officer_index(struct req *r, struct resp *w);
int officer_new(struct req *r, struct resp *w);
int officer_create(struct req *r, struct resp *w);
int officer_show(struct req *r, struct resp *w);
int officer_edit(struct req *r, struct resp *w);
int officer_save(struct req *r, struct resp *w);
int officer_review(struct req *r, struct resp *w);
int officer_export(struct req *r, struct resp *w);

/* admin.c: agencies, departments, users */
int agency_index(struct req *r, struct resp *w);
int agency_create(struct req *r, struct resp *w);
int agency_show(struct req *r, struct resp *w);
int agency_save(struct req *r, struct resp *w);
int department_create(struct req *r, struct resp *w);
int user_index(struct req *r, struct resp *w);
int user_create(struct req *r, struct resp *w);
int user_roles(struct req *r, struct resp *w);
int user_show(struct req *r, struct resp *w);
int user_officer(struct req *r, struct resp *w);
int user_status(struct req *r, struct resp *w);
int user_password(struct req *r, struct resp *w);

/* import.c */
int entity_import_form(struct req *r, struct resp *w);
int entity_import(struct req *r, struct resp *w);
int officer_import_form(struct req *r, struct resp *w);
int officer_import(struct req *r, struct resp *w);

/* audit.c */
int audit_index(struct req *r, struct resp *w);
int audit_check(struct req *r, struct resp *w);
int audit_heads(struct req *r, struct resp *w);
int audit_heads_sign(struct req *r, struct resp *w);
int public_audit_heads(struct req *r, struct resp *w);

/* matter.c: give each {"kind","object_id"} of list the "matter" name and "href" of its page
 * (callers: the start page's deadlines, the calendar's moved deadlines). */
void link_matters(struct req *r, json_t *list);

/* calendar.c */
int calendar_index(struct req *r, struct resp *w);
int calendar_day_set(struct req *r, struct resp *w);
int calendar_day_clear(struct req *r, struct resp *w);
int calendar_year_add(struct req *r, struct resp *w);
int calendar_import(struct req *r, struct resp *w);
int calendar_compute(struct req *r, struct resp *w);

/* inspection.c */
int inspection_index(struct req *r, struct resp *w);
int inspection_new(struct req *r, struct resp *w);
int inspection_form_reload(struct req *r, struct resp *w);
int inspection_create(struct req *r, struct resp *w);
int inspection_show(struct req *r, struct resp *w);
int inspection_overdue_page(struct req *r, struct resp *w);
int inspection_stats_page(struct req *r, struct resp *w);
int inspection_site_record_pdf(struct req *r, struct resp *w);
int inspection_advice_notice_pdf(struct req *r, struct resp *w);
int checklist_index(struct req *r, struct resp *w);

/* campaign.c */
int campaign_index(struct req *r, struct resp *w);
int campaign_new(struct req *r, struct resp *w);
int campaign_create(struct req *r, struct resp *w);
int campaign_show(struct req *r, struct resp *w);
int campaign_edit(struct req *r, struct resp *w);
int campaign_save(struct req *r, struct resp *w);
int campaign_targets_index(struct req *r, struct resp *w);
int campaign_targets_post(struct req *r, struct resp *w);
int campaign_targets_filter_post(struct req *r, struct resp *w);
int campaign_target_delete(struct req *r, struct resp *w);
/* check_list.c, draw.c, task.c: 双随机、一公开 */
int check_item_index(struct req *r, struct resp *w);
int check_item_new(struct req *r, struct resp *w);
int check_item_create(struct req *r, struct resp *w);
int check_item_show(struct req *r, struct resp *w);
int check_item_edit(struct req *r, struct resp *w);
int check_item_save(struct req *r, struct resp *w);
int check_item_publish_submit(struct req *r, struct resp *w);
int check_item_withdraw_submit(struct req *r, struct resp *w);
int public_check_items(struct req *r, struct resp *w);
int plan_index(struct req *r, struct resp *w);
int plan_new(struct req *r, struct resp *w);
int plan_create(struct req *r, struct resp *w);
int plan_show(struct req *r, struct resp *w);
int plan_edit(struct req *r, struct resp *w);
int plan_form_reload(struct req *r, struct resp *w);
int plan_save(struct req *r, struct resp *w);
int plan_remove(struct req *r, struct resp *w);
int plan_verify_page(struct req *r, struct resp *w);
int public_draw_index(struct req *r, struct resp *w);
int public_draw_show(struct req *r, struct resp *w);
int public_draw_snapshot(struct req *r, struct resp *w);
int public_draw_seed(struct req *r, struct resp *w);
int task_index(struct req *r, struct resp *w);
int task_show(struct req *r, struct resp *w);
int draw_stats(struct req *r, struct resp *w);
int avoid_index(struct req *r, struct resp *w);
int avoid_create(struct req *r, struct resp *w);
int avoid_remove(struct req *r, struct resp *w);

/* complaint.c */
int complaint_index(struct req *r, struct resp *w);
int complaint_new(struct req *r, struct resp *w);
int complaint_create(struct req *r, struct resp *w);
int complaint_show(struct req *r, struct resp *w);
int complaint_stats_page(struct req *r, struct resp *w);
int public_complaint_new(struct req *r, struct resp *w);
int public_complaint_create(struct req *r, struct resp *w);
int public_complaint_track(struct req *r, struct resp *w);
int public_complaint_rate(struct req *r, struct resp *w);
/* petition.c */
int petition_index(struct req *r, struct resp *w);
int petition_new(struct req *r, struct resp *w);
int petition_create(struct req *r, struct resp *w);
int petition_show(struct req *r, struct resp *w);
int petition_stats_page(struct req *r, struct resp *w);
/* disclosure.c */
int disclosure_index(struct req *r, struct resp *w);
int disclosure_new(struct req *r, struct resp *w);
int disclosure_create(struct req *r, struct resp *w);
int disclosure_show(struct req *r, struct resp *w);
int disclosure_stats_page(struct req *r, struct resp *w);
/* case.c */
int case_index(struct req *r, struct resp *w);
int case_new(struct req *r, struct resp *w);
int case_create(struct req *r, struct resp *w);
int case_show(struct req *r, struct resp *w);
/* recording_figures.c: how much was recorded in a period (law/recording_stats.h), and the
 * records behind each count */
int recording_figures_page(struct req *r, struct resp *w);
int recording_coverage_page(struct req *r, struct resp *w);
/* case_figures.c: the figures of a period (law/case_stats.h), each a link to its list */
int case_figures_page(struct req *r, struct resp *w);
/* evidence.c: the evidence of a case (第四十六条) */
int evidence_index(struct req *r, struct resp *w);
int evidence_create(struct req *r, struct resp *w);
/* Give the case page's data o its evidence form ("evidence_form": kinds, the investigators to
 * choose, the values typed when refused) when the user may record evidence. Caller: case_show. */
void evidence_page(struct req *r, json_t *o);
/* preservation.c: 证据先行登记保存 (第五十六条) */
int preservation_index(struct req *r, struct resp *w);
int preservation_create(struct req *r, struct resp *w);
int preservation_show(struct req *r, struct resp *w);
/* Give the case page's data o the form to register a preservation ("preservation_form": the
 * values typed when refused) when the user may register one. Caller: case_show. */
void preservation_page(struct req *r, json_t *o);
/* file_review.c: the case-file audit (案卷评查) */
int file_review_show(struct req *r, struct resp *w);
/* Give the case page's data o its reviews and the button that starts one ("file_review"). */
void file_review_page(struct req *r, json_t *o);
/* remedy.c: 行政复议 and 行政诉讼 against a case's decision (domain/RULES.md §7) */
int remedy_index(struct req *r, struct resp *w);
int remedy_create(struct req *r, struct resp *w);
int remedy_show(struct req *r, struct resp *w);
int remedy_list_page(struct req *r, struct resp *w);
int remedy_figures_page(struct req *r, struct resp *w);
/* Give the case page's data o the form to register a remedy ("remedy_form") when the actor may. */
void remedy_page(struct req *r, json_t *o);
/* Give the page's data o of a record (inspection | complaint | case: object_type) its
 * recordings ("recordings") and, for those who may attach one, the upload form's data
 * ("recording_form": parts, officers with their devices) (web/recording.c). */
void recording_page(struct req *r, json_t *o, const char *object_type);
/* referral.c: 涉嫌犯罪案件移送 (行刑衔接) */
int referral_index(struct req *r, struct resp *w);
int referral_create(struct req *r, struct resp *w);
int referral_show(struct req *r, struct resp *w);
/* Give the case page's data o the form to report a referral ("referral_form") when the user may
 * report one. Caller: case_show. */
void referral_page(struct req *r, json_t *o);
/* complaint_import.c */
int complaint_import_form(struct req *r, struct resp *w);
int complaint_import_submit(struct req *r, struct resp *w);

/* power.c, discretion.c, power_import.c, power_public.c: the power list (权责清单) */
int power_index(struct req *r, struct resp *w);
int power_new(struct req *r, struct resp *w);
int power_create(struct req *r, struct resp *w);
int power_show(struct req *r, struct resp *w);
int power_edit(struct req *r, struct resp *w);
int power_save(struct req *r, struct resp *w);
/* Options of a vocabulary ([{code,label}], taken over) with the codes of the comma list chosen
 * marked "selected". Callers: the item and baseline forms. */
json_t *power_options(json_t *all, const char *chosen);
int discretion_new(struct req *r, struct resp *w);
int discretion_create(struct req *r, struct resp *w);
int discretion_edit(struct req *r, struct resp *w);
int discretion_save(struct req *r, struct resp *w);
int discretion_in_force_get(struct req *r, struct resp *w);
int power_import_form(struct req *r, struct resp *w);
int power_import_submit(struct req *r, struct resp *w);
int power_export(struct req *r, struct resp *w);
int public_power_index(struct req *r, struct resp *w);
int public_power_show(struct req *r, struct resp *w);

/* setting.c */
int setting_index(struct req *r, struct resp *w);
int setting_submit(struct req *r, struct resp *w);

/* rules.c: the register of the rules the program enforces (public) */
int rules_index(struct req *r, struct resp *w);

#endif
