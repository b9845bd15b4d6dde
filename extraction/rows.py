"""One document's extraction → its raw.ann_* rows (the mapping the table spec in `tables` declares)."""

from __future__ import annotations

from typing import Any

from extraction import tables
from extraction.gazetteer import Gazetteer
from extraction.model import Extraction, Speaker


def _speaker_columns(sp: Speaker | None) -> dict[str, Any]:
    if sp is None:
        return {
            "speaker_text": None,
            "speaker_char_start": None,
            "speaker_char_end": None,
            "speaker_actor_key": None,
            "speaker_name": None,
            "speaker_type": None,
            "speaker_outlet_key": None,
            "speaker_role": None,
        }
    return {
        "speaker_text": sp.text,
        "speaker_char_start": sp.start,
        "speaker_char_end": sp.end,
        "speaker_actor_key": sp.actor_key,
        "speaker_name": sp.name,
        "speaker_type": sp.speaker_type,
        "speaker_outlet_key": sp.outlet_key,
        "speaker_role": sp.role,
    }


def extraction_rows(ex: Extraction, body: str, gazetteer: Gazetteer) -> dict[str, list[dict[str, Any]]]:
    """raw.ann_* rows of one document's extraction (every table, possibly empty lists)."""
    base = {"doc_id": ex.doc_id, "extractor_version": tables.EXTRACTOR_VERSION}
    idx = ex.sentences.index_of
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in tables.SCHEMAS}
    for m in ex.mentions:
        rows["ann_mentions"].append(
            {
                **base,
                "sentence_index": idx(m.start),
                "char_start": m.start,
                "char_end": m.end,
                "mention_text": m.text,
                "actor_key": m.actor_key,
                "actor_name": m.actor_name,
                "actor_type": m.actor_type,
                "country_code": m.country_code,
                "method": m.method,
                "confidence": m.confidence,
            }
        )
    for c in ex.citations:
        rows["ann_citations"].append(
            {
                **base,
                "sentence_index": idx(c.start),
                "char_start": c.start,
                "char_end": c.end,
                "cited_text": c.text,
                "citation_type": c.citation_type,
                "cited_url": c.url,
                "cited_outlet_key": c.outlet_key,
                "cited_outlet_name": c.outlet_name,
                "confidence": c.confidence,
            }
        )
    for i, cl in enumerate(ex.claims):
        rows["ann_claims"].append(
            {
                **base,
                "claim_index": i,
                "sentence_index": idx(cl.start),
                "char_start": cl.start,
                "char_end": cl.end,
                "claim_text": cl.text,
                "is_direct_quote": cl.is_direct_quote,
                "cue": cl.cue,
                **_speaker_columns(cl.speaker),
                "confidence": cl.confidence,
            }
        )
    spans = ex.sentences.spans
    for a in ex.agreements:
        si = idx(a.start)
        s_start, s_end = spans[si] if spans else (a.start, a.end)
        rows["ann_agreements"].append(
            {
                **base,
                "agreement_index": a.index,
                "sentence_index": si,
                "char_start": s_start,
                "char_end": s_end,
                "evidence_text": body[s_start:s_end],
                "name": a.name,
                "agreement_type": a.agreement_type,
                "status": a.status,
                "signed_date": a.signed_date,
                "date_precision": a.date_precision,
                "duration_years": a.duration_years,
                "article_count": a.article_count,
                "confidence": a.confidence,
                "topic": a.topic,
            }
        )
        seen: set[str] = set()
        for key, m in a.parties.items():
            country = gazetteer.country(key.split(":", 1)[1]) if key.startswith("country:") else None
            actor_key, name, atype = (
                (country.actor_id, country.canonical_name, "country")
                if country
                else (m.actor_key, m.actor_name, m.actor_type)
            )
            ident = actor_key or name
            if ident in seen:
                continue
            seen.add(ident)
            rows["ann_agreement_parties"].append(
                {
                    **base,
                    "agreement_index": a.index,
                    "actor_key": actor_key,
                    "actor_name": name,
                    "actor_type": atype,
                }
            )
    for i, mt in enumerate(ex.meetings):
        rows["ann_meetings"].append(
            {
                **base,
                "meeting_index": i,
                "sentence_index": idx(mt.start),
                "char_start": mt.start,
                "char_end": mt.end,
                "evidence_text": body[mt.start : mt.end],
                "meeting_type": mt.meeting_type,
                "status": mt.status,
                "meeting_date": mt.meeting_date,
                "date_precision": mt.date_precision,
                "date_text": mt.date_text,
                "location_name": mt.location_name,
                "location_country_code": mt.location_country_code,
                "agreement_index": mt.agreement_index,
                "confidence": mt.confidence,
            }
        )
        for p in mt.participants:
            rows["ann_meeting_participants"].append(
                {
                    **base,
                    "meeting_index": i,
                    "actor_key": p.actor_key,
                    "actor_name": p.actor_name,
                    "actor_type": p.actor_type,
                    "role": p.role,
                    "char_start": p.start,
                    "char_end": p.end,
                }
            )
    for i, f in enumerate(ex.figures):
        rows["ann_figures"].append(
            {
                **base,
                "figure_index": i,
                "sentence_index": idx(f.start),
                "char_start": f.start,
                "char_end": f.end,
                "source_text": f.text,
                "metric": f.metric,
                "value": f.value,
                "unit": f.unit,
                "qualifier": f.qualifier,
                "period_text": f.period_text,
                "period_start": f.period_start,
                "period_end": f.period_end,
                "speaker_actor_key": f.speaker.actor_key if f.speaker else None,
                "speaker_name": f.speaker.name if f.speaker else None,
                "speaker_type": f.speaker.speaker_type if f.speaker else None,
                "party_actor_keys": f.party_keys,
                "confidence": f.confidence,
                "parties": f.parties,
                "party_roles": f.party_roles,
                "scope": f.scope,
                "value_high": f.value_high,
                "per": f.per,
                "is_change": f.is_change,
                "period_precision": f.period_precision,
            }
        )
    return rows
