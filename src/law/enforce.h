/* enforce.h — the one definition of who may carry out an enforcement act together: at least two
 * officers who may enforce on its date (行政处罚法 第四十二条). The inspection's officers, a plan's
 * team size and a drawn team all check against it; an officer's own standing (certificate in
 * force, active) is officer_standing_ok (law/officer.h). */
#ifndef LANDUN_ENFORCE_H
#define LANDUN_ENFORCE_H

#define ENFORCE_MIN_OFFICERS 2 /* [R-INSP-01] 第四十二条: 执法人员不得少于两人 */
#define ENFORCE_MIN_RULE     "执法须由两名以上持有效执法证的执法人员进行（《行政处罚法》第四十二条）"

#endif
