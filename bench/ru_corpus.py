"""The Russian news-channel corpus (../shared/corpora/telegram/ru_news_channels: one JSON list of
flat Telethon messages per channel): its size, the telegram_api source that lands it from the
dump folder, and the published facts its Russian documents gave."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bench.result_types import JsonDict

# fact_type in fct_evidence → the published fact table it names
FACT_TYPES = {"claim": "claims", "meeting": "meetings", "agreement": "agreements", "trade_figure": "figures"}


def dump_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.json") if p.is_file())


def present(folder: Path) -> bool:
    return folder.is_dir() and bool(dump_files(folder))


def count_posts(folder: Path) -> int:
    """Messages in the dump files (what the connector reads; albums and empty posts included)."""
    return sum(len(json.loads(p.read_text(encoding="utf-8"))) for p in dump_files(folder))


def telegram_source(folder: Path) -> dict[str, Any]:
    """The telegram_api connector reading the dump folder instead of collecting live."""
    return {"kind": "telegram_api", "name": "ru_news_channels", "dump_path": str(folder)}


def published_facts(published_db: Path, language: str = "ru") -> JsonDict:
    """What the publication holds from documents in `language`: its documents, the facts with
    evidence in them (per fact type, distinct fact ids) and the actors mentioned in them."""
    import duckdb

    con = duckdb.connect(str(published_db), read_only=True)
    try:
        by_language = dict(
            con.execute(
                "select coalesce(language, 'unknown'), count(*) from dim_documents group by 1 order by 2 desc"
            ).fetchall()
        )
        facts = dict(
            con.execute(
                """
                select e.fact_type, count(distinct e.fact_id)
                from fct_evidence e join dim_documents d using (doc_id)
                where d.language = ?
                group by 1
                """,
                [language],
            ).fetchall()
        )
        row = con.execute(
            """
            select count(distinct m.actor_id), count(*)
            from fct_mentions m join dim_documents d using (doc_id)
            where d.language = ? and m.actor_id is not null
            """,
            [language],
        ).fetchone()
        actors, mentions = row if row else (0, 0)
    finally:
        con.close()
    out: JsonDict = {
        "language": language,
        "documents": int(by_language.get(language, 0)),
        "documents_by_language": {k: int(v) for k, v in by_language.items()},
    }
    out.update({name: int(facts.get(fact_type, 0)) for fact_type, name in FACT_TYPES.items()})
    out["actors"] = int(actors)
    out["actor_mentions"] = int(mentions)
    return out
