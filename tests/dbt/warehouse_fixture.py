"""A small, hand-made warehouse for the dbt tests: raw documents and raw.ann_* rows written the way
the ingestion and extraction stages write them, modelled on the five shared Russia–Iran articles
plus the wire and Telegram reports around them. Offsets are computed from the bodies, so every
annotation points at real characters."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb

from extraction.store import ensure_annotation_schema
from ingestion.raw_schema import ensure_raw_schema

REPO_ROOT = Path(__file__).resolve().parents[2]
DBT_PROJECT_DIR = REPO_ROOT / "dbt"
EXTRACTOR = "test-extractor-1"


@dataclass
class Doc:
    doc_id: str
    source_kind: str
    source_name: str
    body: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published_at: datetime | None = None
    metadata: dict[str, Any] | None = None
    annotations: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def span(self, text: str, occurrence: int = 0) -> tuple[int, int]:
        start = -1
        for _ in range(occurrence + 1):
            start = self.body.find(text, start + 1)
        if start < 0:
            raise ValueError(f"{text!r} not in {self.doc_id}")
        return start, start + len(text)

    def add(self, table: str, row: dict[str, Any]) -> None:
        self.annotations.setdefault(table, []).append(row)

    def mention(self, text: str, name: str, actor_type: str, key: str | None = None, occurrence: int = 0,
                country: str | None = None) -> None:
        start, end = self.span(text, occurrence)
        self.add("ann_mentions", {
            "sentence_index": 0, "char_start": start, "char_end": end, "mention_text": text, "actor_key": key,
            "actor_name": name, "actor_type": actor_type, "country_code": country,
            "method": "gazetteer" if key else "ner", "confidence": 0.9,
        })

    def citation(self, url: str, citation_type: str = "telegram") -> None:
        start, end = self.span(url)
        self.add("ann_citations", {
            "sentence_index": 0, "char_start": start, "char_end": end, "cited_text": url,
            "citation_type": citation_type, "cited_url": url, "cited_outlet_key": None,
            "cited_outlet_name": None, "confidence": 0.95,
        })

    def agreement(self, index: int, evidence: str, name: str, status: str, signed: date | None, precision: str,
                  duration: int | None = None, articles: int | None = None, agreement_type: str = "treaty",
                  parties: Iterable[tuple[str | None, str, str]] = ()) -> None:
        start, end = self.span(evidence)
        self.add("ann_agreements", {
            "agreement_index": index, "sentence_index": 0, "char_start": start, "char_end": end,
            "evidence_text": evidence, "name": name, "agreement_type": agreement_type, "status": status,
            "signed_date": signed, "date_precision": precision, "duration_years": duration,
            "article_count": articles, "confidence": 0.8,
        })
        for key, actor_name, actor_type in parties:
            self.add("ann_agreement_parties", {
                "agreement_index": index, "actor_key": key, "actor_name": actor_name, "actor_type": actor_type,
            })

    def meeting(self, index: int, evidence: str, meeting_type: str, status: str, when: date | None, precision: str,
                location: str | None, country: str | None, agreement_index: int | None,
                participants: Iterable[tuple[str | None, str, str, str]]) -> None:
        start, end = self.span(evidence)
        self.add("ann_meetings", {
            "meeting_index": index, "sentence_index": 0, "char_start": start, "char_end": end,
            "evidence_text": evidence, "meeting_type": meeting_type, "status": status, "meeting_date": when,
            "date_precision": precision, "date_text": None, "location_name": location,
            "location_country_code": country, "agreement_index": agreement_index, "confidence": 0.8,
        })
        for key, actor_name, actor_type, role in participants:
            self.add("ann_meeting_participants", {
                "meeting_index": index, "actor_key": key, "actor_name": actor_name, "actor_type": actor_type,
                "role": role, "char_start": None, "char_end": None,
            })

    def claim(self, index: int, text: str, direct: bool, speaker_key: str | None, speaker_name: str,
              speaker_type: str = "person", speaker_outlet_key: str | None = None) -> None:
        start, end = self.span(text)
        self.add("ann_claims", {
            "claim_index": index, "sentence_index": 0, "char_start": start, "char_end": end, "claim_text": text,
            "is_direct_quote": direct, "cue": "said", "speaker_text": speaker_name, "speaker_char_start": None,
            "speaker_char_end": None, "speaker_actor_key": speaker_key, "speaker_name": speaker_name,
            "speaker_type": speaker_type, "speaker_outlet_key": speaker_outlet_key, "confidence": 0.8,
        })

    def figure(self, index: int, text: str, metric: str, value: float, unit: str, period_start: date | None,
               period_end: date | None, qualifier: str | None = None, speaker_name: str | None = None) -> None:
        start, end = self.span(text)
        self.add("ann_figures", {
            "figure_index": index, "sentence_index": 0, "char_start": start, "char_end": end, "source_text": text,
            "metric": metric, "value": value, "unit": unit, "qualifier": qualifier, "period_text": None,
            "period_start": period_start, "period_end": period_end, "speaker_actor_key": None,
            "speaker_name": speaker_name, "speaker_type": "person" if speaker_name else None,
            "party_actor_keys": ["country-irn", "country-rus"], "confidence": 0.8,
        })


PUTIN = ("person-vladimir-putin", "Vladimir Putin", "person")
PEZESHKIAN = ("person-masoud-pezeshkian", "Masoud Pezeshkian", "person")
RUSSIA = ("country-rus", "Russia", "country")
IRAN = ("country-irn", "Iran", "country")

TASS_BODY = (
    "Russian President Vladimir Putin and Iranian President Masoud Pezeshkian signed the Treaty on "
    "Comprehensive Strategic Partnership in Moscow on January 17, 2025. The treaty is concluded for 20 years "
    "and consists of 47 articles covering security, energy, trade, transport and cultural exchange between "
    "the two countries. Foreign Minister Abbas Araghchi attended the ceremony in the Kremlin, where the two "
    "leaders also discussed the North-South transport corridor and payments in national currencies."
)
TG_TASS_BODY = (
    "Putin and Pezeshkian signed the Comprehensive Strategic Partnership Treaty in the Kremlin on January 17, "
    "2025. The treaty is concluded for 20 years."
)


def documents() -> list[Doc]:
    """The corpus: the five shared articles (abridged) plus wire and Telegram reports around them."""
    tass = Doc("doc-tass-signing", "web", "tass_web", TASS_BODY, url="https://tass.com/politics/1890000",
               outlet="TASS", title="Putin, Pezeshkian sign treaty", published_at=datetime(2025, 1, 17, 15, 0))
    tass.agreement(0, "signed the Treaty on Comprehensive Strategic Partnership", "Treaty on Comprehensive Strategic Partnership",
                   "signed", date(2025, 1, 17), "day", 20, 47, parties=[RUSSIA, IRAN])
    tass.meeting(0, "signed the Treaty on Comprehensive Strategic Partnership in Moscow", "signing", "held",
                 date(2025, 1, 17), "day", "Moscow", "RUS", 0,
                 [(*PUTIN, "host"), (*PEZESHKIAN, "visitor"), ("person-abbas-araghchi", "Abbas Araghchi", "person", "participant")])
    tass.mention("Vladimir Putin", "Vladimir Putin", "person", PUTIN[0])
    tass.mention("Masoud Pezeshkian", "Masoud Pezeshkian", "person", PEZESHKIAN[0])
    tass.mention("Abbas Araghchi", "Abbas Araghchi", "person", "person-abbas-araghchi")

    tg_tass = Doc("doc-tg-tass", "telegram_web", "tass_tg", TG_TASS_BODY, url="https://t.me/tass_agency/90001",
                  published_at=datetime(2025, 1, 17, 14, 10))
    tg_tass.agreement(0, "signed the Comprehensive Strategic Partnership Treaty", "Comprehensive Strategic Partnership Treaty",
                      "signed", date(2025, 1, 17), "day", 20, None, parties=[PUTIN, PEZESHKIAN])
    tg_tass.mention("Putin", "Vladimir Putin", "person", PUTIN[0])

    # a forward of the TASS post by another channel: same text, one origin
    tg_forward = Doc("doc-tg-geopwatch-forward", "telegram_web", "geopwatch_tg", TG_TASS_BODY,
                     url="https://t.me/GeoPWatch/3320", published_at=datetime(2025, 1, 17, 14, 30),
                     metadata={"forwarded_from_url": "https://t.me/tass_agency/90001"})
    tg_forward.agreement(0, "signed the Comprehensive Strategic Partnership Treaty", "Comprehensive Strategic Partnership Treaty",
                         "signed", date(2025, 1, 17), "day", 20, None, parties=[PUTIN, PEZESHKIAN])

    # a light rewrite of the TASS story by an anonymous channel: a near-duplicate, same origin
    rewrite = Doc("doc-tg-mes-rewrite", "telegram_web", "mes_tg", "BREAKING: " + TASS_BODY.replace("consists of", "has"),
                  url="https://t.me/Middle_East_Spectator/12423", published_at=datetime(2025, 1, 17, 16, 0))

    irna = Doc("doc-irna-kazan", "web", "irna_web",
               "Pezeshkian met Putin in Kazan on October 23, 2024 on the sidelines of the BRICS summit. "
               "Ali Larijani and Sadegh Larijani were in the delegation, and Larijani spoke to reporters. "
               "Abbas Araqchi told reporters: We do not negotiate under pressure, threats or sanctions. "
               "Bilateral trade reached $5 billion in 2022.",
               url="https://en.irna.ir/news/85000000", outlet="IRNA", published_at=datetime(2024, 10, 23, 12, 0))
    irna.meeting(0, "Pezeshkian met Putin in Kazan on October 23, 2024", "summit", "held", date(2024, 10, 23), "day",
                 "Kazan", "RUS", None, [(*PEZESHKIAN, "visitor"), (*PUTIN, "host")])
    irna.mention("Ali Larijani", "Ali Larijani", "person")
    irna.mention("Sadegh Larijani", "Sadegh Larijani", "person")
    irna.mention("Larijani", "Larijani", "person", occurrence=2)
    irna.mention("Abbas Araqchi", "Abbas Araqchi", "person")
    irna.claim(0, "We do not negotiate under pressure, threats or sanctions.", True, None, "Abbas Araqchi")
    irna.figure(0, "$5 billion in 2022", "trade_volume", 5e9, "USD", date(2022, 1, 1), date(2022, 12, 31))

    a000 = Doc("doc-a000-monexus", "files", "shared_articles",
               "Iranian Foreign Minister Abbas Araqchi arrived in St. Petersburg on Monday and met with President "
               "Vladimir Putin, flanked by Russian Foreign Minister Sergey Lavrov. Araqchi described consultations as "
               "routine. Trade is only $4 billion in 2022 by one count.\n"
               "Wire provenance\n"
               "- https://t.me/Middle_East_Spectator/12423\n- https://t.me/wfwitness/9871\n"
               "- https://t.me/FarsNewsInt/5672\n- https://t.me/tasnimnews_en/4451\n"
               "- https://t.me/GeoPWatch/3320\n- https://t.me/myLordBebo/8912\n",
               outlet="Monexus", title="Iran's Top Diplomat Lands in St. Petersburg")
    a000.mention("Abbas Araqchi", "Abbas Araqchi", "person")
    a000.mention("Araqchi", "Araqchi", "person", occurrence=1)
    a000.mention("Vladimir Putin", "Vladimir Putin", "person", PUTIN[0])
    a000.mention("Sergey Lavrov", "Sergey Lavrov", "person", "person-sergey-lavrov")
    a000.meeting(0, "arrived in St. Petersburg on Monday and met with President Vladimir Putin", "meeting", "held",
                 None, "unknown", "St. Petersburg", "RUS", None,
                 [(None, "Abbas Araqchi", "person", "visitor"), (*PUTIN, "host"),
                  ("person-sergey-lavrov", "Sergey Lavrov", "person", "participant")])
    a000.figure(0, "$4 billion in 2022", "trade_volume", 4e9, "USD", date(2022, 1, 1), date(2022, 12, 31))
    for url in ("https://t.me/Middle_East_Spectator/12423", "https://t.me/wfwitness/9871", "https://t.me/FarsNewsInt/5672",
                "https://t.me/tasnimnews_en/4451", "https://t.me/GeoPWatch/3320", "https://t.me/myLordBebo/8912"):
        a000.citation(url)

    a001 = Doc("doc-a001-alwaght", "files", "shared_articles",
               "Alwaght- On January 17, 2025, President Vladimir Putin of Russian and President Masoud Pezeshkian of "
               "Iran signed Tehran-Moscow Treaty on Comprehensive Strategic Cooperation. By 2022, their trade volume "
               "hit $5 billion annually. Iran and Russia are actively pursuing a Comprehensive Strategic Partnership "
               "Treaty. The 20-year agreement, comprising 47 articles, commits both nations to broad cooperation. "
               "Leonid Bryisovich Lozhechko revealed that over 80 percent of commercial transactions are settled in "
               "national currency.",
               url="https://alwaght.net/en/News/400000", title="Tehran-Moscow strategic ties")
    a001.agreement(0, "signed Tehran-Moscow Treaty on Comprehensive Strategic Cooperation",
                   "Tehran-Moscow Treaty on Comprehensive Strategic Cooperation", "signed", date(2025, 1, 17), "day",
                   parties=[PUTIN, PEZESHKIAN])
    a001.agreement(1, "The 20-year agreement, comprising 47 articles", "Comprehensive Strategic Partnership Treaty",
                   "unknown", None, "unknown", 20, 47,
                   # China is an extraction slip (named nearby, not a party): outvoted by the other reports
                   parties=[(None, "Iran", "country"), (None, "Russia", "country"), (None, "China", "country")])
    a001.meeting(0, "On January 17, 2025, President Vladimir Putin of Russian and President Masoud Pezeshkian of Iran signed",
                 "signing", "held", date(2025, 1, 17), "day", None, None, 0,
                 [(*PUTIN, "participant"), (*PEZESHKIAN, "participant")])
    a001.figure(0, "$5 billion annually", "trade_volume", 5e9, "USD", date(2022, 1, 1), date(2022, 12, 31))
    a001.figure(1, "over 80 percent", "national_currency_share", 80, "percent", None, None, "over",
                "Leonid Bryisovich Lozhechko")
    a001.mention("Leonid Bryisovich Lozhechko", "Leonid Bryisovich Lozhechko", "person")

    a002 = Doc("doc-a002-blog", "files", "shared_articles",
               "On Friday, this narrative took a critical turn with a high-profile meeting in Moscow between Iran's "
               "President Masoud Pezeshkian and Russian President Vladimir Putin. Iran's ambassador to Russia, Kazem "
               "Jalali, made the reasoning clear. Abbas Araghchi called the agreement a road map to the future. "
               "Russia's Kremlin spokesman, Dmitri S. Peskov, insisted that the treaty's timing had nothing to do with "
               "upcoming political shifts in the U.S. Jalali highlighted that this accord reflects a rethinking of power. "
               "Masud Pezeshkian's visit shows the partnership is still evolving.")
    a002.meeting(0, "a high-profile meeting in Moscow between Iran's President Masoud Pezeshkian and Russian President Vladimir Putin",
                 "talks", "held", None, "unknown", "Moscow", "RUS", None,
                 [(None, "Masoud Pezeshkian", "person", "visitor"), (None, "Vladimir Putin", "person", "host")])
    a002.mention("Kazem Jalali", "Kazem Jalali", "person")
    a002.mention("Jalali", "Jalali", "person", occurrence=1)
    a002.mention("Abbas Araghchi", "Abbas Araghchi", "person", "person-abbas-araghchi")
    a002.mention("Dmitri S. Peskov", "Dmitri S. Peskov", "person")
    a002.mention("Masud Pezeshkian", "Masud Pezeshkian", "person")
    a002.claim(0, "the treaty's timing had nothing to do with upcoming political shifts in the U.S.", False, None,
               "Dmitri S. Peskov")

    a003 = Doc("doc-a003-tehran", "files", "shared_articles",
               "Russian Foreign Minister Sergei Lavrov arrived in Tehran today, meeting with his Iranian counterpart "
               "Abbas Araghchi and Iranian President Masoud Pezeshkian. The landmark 20-year Strategic Cooperation "
               "Treaty signed this January outlines broad cooperation, unlike Iran's 25-year agreement with China "
               "signed in March 2021. Araghchi said: We do not negotiate under pressure, threats, or sanctions. "
               "Khabar Online warned: The world is undergoing division and transition. Larijani was not present.")
    a003.agreement(0, "20-year Strategic Cooperation Treaty signed this January", "Strategic Cooperation Treaty", "signed",
                   date(2025, 1, 1), "month", 20)
    a003.agreement(1, "Iran's 25-year agreement with China", "25-year cooperation agreement", "signed", date(2021, 3, 27),
                   "day", 25, agreement_type="agreement", parties=[IRAN, ("country-chn", "China", "country")])
    a003.meeting(0, "Sergei Lavrov arrived in Tehran today", "visit", "held", None, "unknown", "Tehran", "IRN", None,
                 [(None, "Sergei Lavrov", "person", "visitor"), ("person-abbas-araghchi", "Abbas Araghchi", "person", "host"),
                  (*PEZESHKIAN, "host")])
    a003.mention("Sergei Lavrov", "Sergei Lavrov", "person")
    a003.mention("Larijani", "Larijani", "person")
    a003.claim(0, "We do not negotiate under pressure, threats, or sanctions.", True, "person-abbas-araghchi", "Araghchi")
    a003.claim(1, "The world is undergoing division and transition.", True, None, "Khabar Online", "outlet")

    a004 = Doc("doc-a004-foreignbrief", "files", "shared_articles",
               "Iranian President Masoud Pezeshkian is set to visit Russia on January 17 to sign a comprehensive "
               "strategic partnership agreement with Russian President Vladimir Putin.",
               url="https://www.foreignbrief.com/iranian-president-to-visit-russia/", title="Iranian President to visit Russia",
               published_at=datetime(2025, 1, 14, 9, 0))
    a004.agreement(0, "sign a comprehensive strategic partnership agreement", "comprehensive strategic partnership agreement",
                   "planned", date(2025, 1, 17), "day", agreement_type="agreement", parties=[PEZESHKIAN, PUTIN])
    a004.meeting(0, "is set to visit Russia on January 17", "visit", "planned", date(2025, 1, 17), "day", "Russia", "RUS", 0,
                 [(*PEZESHKIAN, "visitor"), (*PUTIN, "host")])
    return [tass, tg_tass, tg_forward, rewrite, irna, a000, a001, a002, a003, a004]


def write_documents(con: duckdb.DuckDBPyConnection, docs: Iterable[Doc], fetched_at: datetime) -> None:
    """Land documents and their annotations the way the loader and the extractor do."""
    import hashlib

    ensure_raw_schema(con)
    ensure_annotation_schema(con)
    for doc in docs:
        content_hash = hashlib.sha256(((doc.title or "") + "\n" + doc.body).encode()).hexdigest()
        con.execute("delete from raw.documents where doc_id = ?", [doc.doc_id])  # (no key to replace on: raw_schema)
        con.execute(
            """insert into raw.documents (doc_id, source_kind, source_name, external_id, url, title, body,
               author, published_at, fetched_at, language, outlet, content_hash, payload, metadata, version,
               first_seen_at, updated_at, batch_id)
               values (?, ?, ?, ?, ?, ?, ?, null, ?, ?, 'en', ?, ?, null, ?, 1, ?, ?, 'batch-test')""",
            [doc.doc_id, doc.source_kind, doc.source_name, doc.url or doc.doc_id, doc.url, doc.title, doc.body,
             doc.published_at, fetched_at, doc.outlet, content_hash,
             json.dumps(doc.metadata) if doc.metadata else None, fetched_at, fetched_at],
        )
        con.execute(
            "insert or replace into raw.ann_documents (doc_id, content_hash, extractor_version, annotated_at, sentence_count, status)"
            " values (?, ?, ?, ?, 1, 'ok')",
            [doc.doc_id, content_hash, EXTRACTOR, fetched_at],
        )
        for table, rows in doc.annotations.items():
            for row in rows:
                full = {"doc_id": doc.doc_id, "extractor_version": EXTRACTOR, **row}
                cols = ", ".join(full)
                marks = ", ".join("?" for _ in full)
                con.execute(f"insert into raw.{table} ({cols}) values ({marks})", list(full.values()))


def run_dbt(warehouse: Path, args: list[str], work_dir: Path) -> Any:
    """dbt in-process against `warehouse`; target and logs under work_dir (never dbt/target)."""
    from dbt.cli.main import dbtRunner

    os.environ.update({
        "OSINT_WAREHOUSE_PATH": str(warehouse),
        "DBT_TARGET_PATH": str(work_dir / "target"),
        "DBT_LOG_PATH": str(work_dir / "logs"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
    })
    result = dbtRunner().invoke([*args, "--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR), "--quiet"])
    if not result.success:
        failures = []
        for r in getattr(result.result, "results", None) or []:
            status = str(getattr(r.status, "value", r.status))
            if status in ("error", "fail", "runtime error"):
                failures.append(f"{r.node.name}: {status}: {(r.message or '').strip()[:400]}")
        raise AssertionError(f"dbt {' '.join(args)} failed: {result.exception or ''} {failures[:10]}")
    return result


def copy_warehouse(src: Path, dst: Path) -> Path:
    """A copy of a warehouse file with its write-ahead log (dbt-duckdb keeps its connection open, so
    the last build may not be checkpointed into the file yet)."""
    shutil.copyfile(src, dst)
    wal = src.with_name(src.name + ".wal")
    if wal.exists():
        shutil.copyfile(wal, dst.with_name(dst.name + ".wal"))
    return dst
