/* areas.c — the areas of the program, in the order `landun migrate` copies their tables
 * (parents first; law/area.h). */
#include "law/area.h"
#include "base/util.h"
#include "law/workflow.h"

#include <string.h>

extern const struct law_area law_area_agencies, law_area_officers, law_area_users,
    law_area_entities, law_area_check_items, law_area_campaigns, law_area_plans,
    law_area_inspections, law_area_tasks, law_area_complaints, law_area_petitions,
    law_area_disclosures, law_area_power, law_area_cases, law_area_documents, law_area_workflow,
    law_area_calendar, law_area_audit, law_area_transfer, law_area_preservations, law_area_remedies,
    law_area_referrals, law_area_file_reviews, law_area_devices, law_area_recordings,
    law_area_publicity;

const struct law_area *const law_areas[] = {
    &law_area_agencies,    &law_area_officers,   &law_area_users,         &law_area_entities,
    &law_area_check_items, &law_area_campaigns,  &law_area_plans,         &law_area_inspections,
    &law_area_tasks,       &law_area_complaints, &law_area_petitions,     &law_area_disclosures,
    &law_area_power,       &law_area_cases,      &law_area_preservations, &law_area_remedies,
    &law_area_referrals,   &law_area_publicity,  &law_area_documents,     &law_area_workflow,
    &law_area_calendar,    &law_area_audit,      &law_area_transfer,      &law_area_file_reviews,
    &law_area_devices,     &law_area_recordings,
};

const size_t law_nareas = countof(law_areas);

const struct table_decl *law_table(const char *name)
{
    for (size_t i = 0; i < law_nareas; i++)
        for (size_t k = 0; k < law_areas[i]->ntables; k++)
            if (strcmp(law_areas[i]->tables[k].name, name) == 0) return &law_areas[i]->tables[k];
    return NULL;
}

const struct table_decl *law_table_of(const char *type)
{
    const struct table_decl *t = law_table(type);
    for (size_t i = 0; !t && i < law_nareas; i++) {
        const struct workflow *w = law_areas[i]->flow;
        if (w && strcmp(w->kind, type) == 0) t = law_table(w->table);
    }
    return t;
}
