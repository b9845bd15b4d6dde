"""`make eval`: one table of every truth instrument, per fact type.

    python -m tests.eval.report [--json PATH]

Columns:
- own gold: F1 on the project's hand-written gold (tests/eval/gold/*.yaml) — a regression guard
  only: we wrote it and tuned to it;
- PolNeAR dev: claims only — direct quotes with a named source, and all attributions (F1);
- blind dev / blind test: F1 with a 95 % bootstrap interval on the blind real-text gold (the test
  half is scored, never inspected); `exact` adds the attributes (participants, parties, metric);
- blind Russian dev / test: the same on the blind Russian gold (gold/blind_ru/, 210 channel posts);
- audit: fully correct / judged rows of the published marts (Wilson 95 % interval), per audit
  corpus, for the current extractor version (`make audit`).
Instruments whose corpora in ../shared are absent print `absent`.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path
from typing import Any

from extraction import tables
from extraction.extract import Extractor
from tests.eval import audit, blind, polnear
from tests.eval.evaluate import evaluate

FACTS = ("actors", "claims", "meetings", "agreements", "figures")
AUDIT_MART = {"actors": "dim_actors", "claims": "fct_claims", "meetings": "fct_meetings",
              "agreements": "dim_agreements", "figures": "fct_trade_figures"}


def collect() -> dict[str, Any]:
    extractor = Extractor.default()
    own = evaluate(extractor=extractor)
    out: dict[str, Any] = {"extractor_version": tables.EXTRACTOR_VERSION, "facts": {f: {} for f in FACTS}}
    for fact in FACTS:
        out["facts"][fact]["own_gold_f1"] = round(own.scores[fact].f1, 3)
    pn = polnear.evaluate_polnear("dev", extractor=extractor)
    if pn is not None:
        out["polnear_dev"] = {
            "articles": pn.articles,
            "direct_named": {"gold": pn.gold_direct_named, **{k: str(v) for k, v in zip("PRF", pn.direct_named, strict=True)}},
            "all_attributions": {"gold": pn.gold_with_source,
                                 **{k: str(v) for k, v in zip("PRF", pn.all_attributions, strict=True)}},
        }
    for gold, prefix in (("en", "blind"), ("ru", "blind_ru")):
        for split in ("dev", "test"):
            result = blind.evaluate_blind(split, extractor=extractor, gold=gold)
            if result is None:
                continue
            out[f"{prefix}_{split}_documents"] = len(result.documents)
            out[f"{prefix}_{split}_wrong_person_merges"] = result.wrong_person_merges
            for fact, row in result.table().items():
                out["facts"][fact][f"{prefix}_{split}"] = {"gold": row["gold"], "P": str(row["P"]), "R": str(row["R"]),
                                                           "F1": str(row["F1"]), "F1_exact": str(row["F1_exact"])}
    # each audit corpus at its newest judged extractor version (corpora are judged in different rounds)
    out["audit_versions"] = {}
    for folder in sorted(p for p in audit.AUDIT_DIR.iterdir() if p.is_dir()):
        versions = {c.stem for c in folder.glob("*.csv")}
        if not versions:
            continue
        version = tables.EXTRACTOR_VERSION if tables.EXTRACTOR_VERSION in versions else max(
            versions, key=audit._version_key)
        out["audit_versions"][folder.name] = version
        with (folder / f"{version}.csv").open(encoding="utf-8", newline="") as fh:
            judged = list(csv.DictReader(fh))
        for mp in audit.precision_by_mart(judged):
            fact = next(f for f, m in AUDIT_MART.items() if m == mp.mart)
            out["facts"][fact][f"audit_{mp.corpus}"] = str(mp)
    out["audit_extractor_version"] = audit.latest_judged_version()
    return out


def format_table(r: dict[str, Any]) -> str:
    lines = [f"extractor {r['extractor_version']} — truth on real text, per fact type"]
    head = f"{'fact':<11}{'own gold':>9}  {'blind dev F1 [95% CI]':<22}{'blind test F1 [95% CI]':<23}{'test F1 exact':<20}"
    lines.append(head)
    for fact in FACTS:
        row = r["facts"][fact]
        dev = row.get("blind_dev", {}).get("F1", "absent")
        test = row.get("blind_test", {}).get("F1", "absent")
        exact = row.get("blind_test", {}).get("F1_exact", "absent")
        lines.append(f"{fact:<11}{row['own_gold_f1']:>9.3f}  {dev:<22}{test:<23}{exact:<20}")
    lines.append("blind test half P / R:")
    for fact in FACTS:
        row = r["facts"][fact].get("blind_test")
        if row:
            lines.append(f"  {fact:<11} gold {row['gold']:>4}  P {row['P']:<20} R {row['R']}")
    if "blind_test_wrong_person_merges" in r:
        lines.append(f"wrong person merges on the blind gold: dev {r['blind_dev_wrong_person_merges']}, "
                     f"test {r['blind_test_wrong_person_merges']}")
    if "blind_ru_test_documents" in r:
        lines.append(f"blind Russian gold ({r['blind_ru_dev_documents']} dev / {r['blind_ru_test_documents']} test posts), "
                     "F1 dev / test, test P / R:")
        for fact in FACTS:
            dev_row, test_row = r["facts"][fact].get("blind_ru_dev", {}), r["facts"][fact].get("blind_ru_test", {})
            lines.append(f"  {fact:<11} gold {test_row.get('gold', 0):>4}  dev {dev_row.get('F1', 'absent'):<20} "
                         f"test {test_row.get('F1', 'absent'):<20} P {test_row.get('P', 'absent'):<20} "
                         f"R {test_row.get('R', 'absent')}")
        lines.append(f"  wrong person merges: dev {r['blind_ru_dev_wrong_person_merges']}, "
                     f"test {r['blind_ru_test_wrong_person_merges']}")
    pn = r.get("polnear_dev")
    if pn:
        lines.append(f"PolNeAR dev ({pn['articles']} articles), claims:")
        for name in ("direct_named", "all_attributions"):
            v = pn[name]
            label = "direct quotes, named source" if name == "direct_named" else "all attributions"
            lines.append(f"  {label:<28} gold {v['gold']:>5}  P {v['P']:<20} R {v['R']:<20} F1 {v['F']}")
    else:
        lines.append("PolNeAR dev: absent")
    versions = r.get("audit_versions", {})
    note = ", ".join(f"{c} judged at {v}" for c, v in versions.items())
    lines.append(f"mart audit (fully correct / judged, Wilson 95 %; {note or 'none judged'}):")
    any_audit = False
    for fact in FACTS:
        for key, value in sorted(r["facts"][fact].items()):
            if key.startswith("audit_"):
                any_audit = True
                lines.append(f"  {fact:<11} {key.removeprefix('audit_'):<12} {value}")
    if not any_audit:
        lines.append("  no judged audit (make audit, then judge the sheet)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args(argv)
    result = collect()
    print(format_table(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
