/* routes.c — the areas of the application, in menu order. The route table is their sum
 * (web/area.h): each area's rows live at the end of its own file, and each declared workflow step
 * gets its row from web_routes_build. The dispatcher (router.c) checks session, permission and
 * CSRF before any handler runs; a route without a permission, or one that another shadows, stops
 * the server from starting. The order of rows does not matter: a literal segment wins over a
 * {param} (web/route_match.h). /api/v1/openapi.json describes every API route from the table
 * (web/openapi.c), with what assets/openapi.json adds by hand. */
#include "web/area.h"
#include "base/util.h"

extern const struct area area_home, area_entities, area_officers, area_inspections, area_campaigns,
    area_plans, area_tasks, area_check_items, area_admin, area_calendar, area_audit, area_session,
    area_rules, area_complaints, area_petitions, area_disclosures, area_cases, area_settings,
    area_power, area_documents, area_case_evidence, area_preservations, area_case_summary,
    area_remedies, area_referrals, area_file_reviews, area_uploads, area_recordings, area_devices,
    area_publicity, area_pub_site, area_entity_page, area_replies, area_public_info,
    area_publicity_export, area_guides;

const struct area *const web_areas[] = {
    &area_home,
    &area_entities,
    &area_officers,
    &area_inspections,
    &area_campaigns,
    &area_plans,
    &area_tasks,
    &area_complaints,
    &area_petitions,
    &area_disclosures,
    &area_power,
    &area_cases,
    &area_check_items,
    &area_admin,
    &area_calendar,
    &area_settings,
    &area_audit,
    &area_session,
    &area_rules,
    &area_documents,
    &area_case_evidence,
    &area_preservations,
    &area_case_summary,
    &area_remedies,
    &area_referrals,
    &area_file_reviews,
    &area_devices,
    &area_uploads,
    &area_recordings,
    &area_publicity,
    &area_replies,
    &area_pub_site,
    &area_entity_page,
    &area_public_info,
    &area_publicity_export,
    &area_guides,
};

const size_t web_nareas = countof(web_areas);
