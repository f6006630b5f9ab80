#!/usr/bin/env python3
"""bench/public_items.py — SQL for bench/public.sh: N published penalty items (publicity_item) on
the entities read from stdin ("agency_id|agency|entity_id|name|uscc|legal_rep" lines), decided
within their publication periods before NOW (unix seconds), their data the 双公示 fields as the
public sees them (src/law/publicity_fields.c; organisations only, so nothing to mask). Usage:
public_items.py N NOW < entities > items.sql"""
import datetime
import itertools
import json
import random
import sys

VIOLATIONS = [
    ("未取得医疗机构执业许可证擅自执业", "《医疗机构管理条例》第四十三条", "罚款", "medical"),
    ("使用非卫生技术人员从事医疗卫生技术工作", "《医疗机构管理条例》第四十七条", "警告,罚款", "medical"),
    ("公共场所未取得卫生许可证营业", "《公共场所卫生管理条例实施细则》第三十五条", "警告,罚款", "public_place"),
    ("供水单位未取得卫生许可证供水", "《生活饮用水卫生监督管理办法》第二十六条", "罚款", "water"),
    ("医疗废物未按规定分类收集", "《医疗废物管理条例》第四十六条", "警告,罚款", "medical"),
    ("消毒产品标签说明书不符合规定", "《消毒管理办法》第四十七条", "罚款,没收", "disinfection"),
]
# (severity, share, days since the decision at most, publication period in days: min, max)
TIERS = [("minor", 10, 80, 90, 90), ("general", 75, 330, 90, 365), ("serious", 15, 1000, 365, 1095)]


def q(s):
    return "'" + str(s).replace("'", "''") + "'"


def main():
    n, now = int(sys.argv[1]), int(sys.argv[2])
    today = datetime.datetime.fromtimestamp(now, datetime.timezone(datetime.timedelta(hours=8))).date()
    entities = [line.rstrip("\n").split("|") for line in sys.stdin if line.strip()]
    if not entities:
        sys.exit("public_items.py: no entities")
    rnd = random.Random(16)
    # some entities have several decisions: a few draw most of them
    cum = list(itertools.accumulate(1.0 / (1 + i) ** 0.5 for i in range(len(entities))))
    rows = []
    for i in range(n):
        agency_id, agency, entity_id, name, uscc, legal_rep = rnd.choices(entities, cum_weights=cum)[0]
        tier = rnd.choices(TIERS, [t[1] for t in TIERS])[0]
        decided = today - datetime.timedelta(days=rnd.randint(1, tier[2]))
        violation, basis, types, line = rnd.choice(VIOLATIONS)
        fine = rnd.choice([2000, 5000, 10000, 20000, 30000, 50000]) * 100  # 分
        doc_no = "县卫%s罚〔%d〕%d号" % ({"medical": "医", "public_place": "公", "water": "水",
                                          "disinfection": "消"}[line], decided.year, 1000 + i)
        data = {
            "doc_no": doc_no, "party": name, "party_category": "法人及非法人组织", "uscc": uscc,
            "legal_rep": legal_rep, "violation": violation,
            "facts": "经查，当事人%s，违反了%s的规定。" % (violation, basis.split("第")[0]),
            "basis": basis, "types": types,
            "content": "罚款人民币%d元" % (fine // 100), "fine": fine, "confiscated": 0,
            "decided_on": decided.isoformat(),
            "publish_until": (decided + datetime.timedelta(days=tier[4])).isoformat(),
            "agency": agency, "source": agency,
        }
        rows.append("(%s)" % ", ".join([
            agency_id, q("penalty"), str(900000 + i), entity_id, q(line), "0", q("published"),
            q(doc_no + " " + name), q(decided.isoformat()), q(tier[0]),
            q((decided + datetime.timedelta(days=tier[3])).isoformat()),
            q((decided + datetime.timedelta(days=tier[4])).isoformat()),
            q((decided + datetime.timedelta(days=5)).isoformat()),
            q(json.dumps(data, ensure_ascii=False)), str(now), str(now), str(now)]))
    print("BEGIN;")
    for k in range(0, len(rows), 200):
        print("INSERT INTO publicity_item (agency_id, kind, source_id, entity_id, line, person,"
              " state, title, decided_on, severity, min_until, max_until, published_on, data,"
              " changed_at, created_at, updated_at) VALUES\n" + ",\n".join(rows[k:k + 200]) + ";")
    print("COMMIT;")


main()
