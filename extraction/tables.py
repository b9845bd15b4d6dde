"""The annotation tables (raw.ann_*), declared once: DDL and Arrow schemas are generated from here.

Offsets in every table are 0-based character offsets into raw.documents.body (end exclusive).
Columns are only ever added (at the end), never renamed or removed: `ensure_annotation_schema`
adds a column that an older warehouse lacks.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

# Bump when extraction output changes: every document is then re-annotated on the next run.
EXTRACTOR_VERSION = "parse-0.10.194"

_SQL_TO_ARROW: dict[str, pa.DataType] = {
    "varchar": pa.string(),
    "integer": pa.int32(),
    "double": pa.float64(),
    "boolean": pa.bool_(),
    "date": pa.date32(),
    "timestamp": pa.timestamp("us"),
    "varchar[]": pa.list_(pa.string()),
}


@dataclass(frozen=True)
class Column:
    name: str
    sql_type: str
    not_null: bool = False
    comment: str = ""
    primary_key: bool = False

    @property
    def arrow_type(self) -> pa.DataType:
        return _SQL_TO_ARROW[self.sql_type]

    def ddl(self) -> str:
        constraint = " primary key" if self.primary_key else " not null" if self.not_null else ""
        return f"{self.name} {self.sql_type}{constraint}"


@dataclass(frozen=True)
class Table:
    name: str
    doc: str
    columns: tuple[Column, ...]

    @property
    def arrow_schema(self) -> pa.Schema:
        return pa.schema([(c.name, c.arrow_type) for c in self.columns])

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def ddl(self) -> str:
        lines = []
        for i, c in enumerate(self.columns):
            comma = "," if i < len(self.columns) - 1 else ""
            lines.append(f"    {c.ddl()}{comma}" + (f"  -- {c.comment}" if c.comment else ""))
        return f"-- {self.doc}\ncreate table if not exists raw.{self.name} (\n" + "\n".join(lines) + "\n);"


def _c(name: str, sql_type: str, comment: str = "", *, nn: bool = False, pk: bool = False) -> Column:
    return Column(name, sql_type, nn, comment, pk)


_KEY = (_c("doc_id", "varchar", nn=True), _c("extractor_version", "varchar", nn=True))
_SPAN = (
    _c("sentence_index", "integer", nn=True),
    _c("char_start", "integer", nn=True),
    _c("char_end", "integer", nn=True),
)

ANN_DOCUMENTS = Table(
    "ann_documents",
    "Which content of which document was annotated by which extractor version.",
    (
        _c("doc_id", "varchar", pk=True),
        _c("content_hash", "varchar", nn=True),
        _c("extractor_version", "varchar", nn=True),
        _c("annotated_at", "timestamp", nn=True),
        _c("sentence_count", "integer", nn=True),
        _c("status", "varchar", "ok | failed", nn=True),
        _c("error", "varchar"),
        _c("language", "varchar", "language the document was processed as"),
    ),
)

# Entities referring to actors carry actor_key (gazetteer actor_id, or null for an actor the
# gazetteer lacks) plus actor_name and actor_type, so dbt resolves new actors the same way.
FACT_TABLES: tuple[Table, ...] = (
    Table(
        "ann_mentions",
        "An actor named in a document.",
        (
            *_KEY,
            *_SPAN,
            _c("mention_text", "varchar", nn=True),
            _c("actor_key", "varchar"),
            _c("actor_name", "varchar", nn=True),
            _c("actor_type", "varchar", "person | country | organization", nn=True),
            _c("country_code", "varchar"),
            _c("method", "varchar", "gazetteer | ner | alias | role | surname | coreference", nn=True),
            _c("confidence", "double", nn=True),
        ),
    ),
    Table(
        "ann_citations",
        "A source a document cites: a URL, a Telegram post, an outlet attribution.",
        (
            *_KEY,
            *_SPAN,
            _c("cited_text", "varchar", nn=True),
            _c("citation_type", "varchar", "url | telegram | outlet_attribution", nn=True),
            _c("cited_url", "varchar"),
            _c("cited_outlet_key", "varchar", "outlet_registry.outlet_id when recognised"),
            _c("cited_outlet_name", "varchar"),
            _c("confidence", "double", nn=True),
        ),
    ),
    Table(
        "ann_claims",
        "A quoted or reported statement and its speaker.",
        (
            *_KEY,
            _c("claim_index", "integer", nn=True),
            *_SPAN,
            _c("claim_text", "varchar", nn=True),
            _c("is_direct_quote", "boolean", nn=True),
            _c("cue", "varchar", "said, told, insisted, according to, ..."),
            _c("speaker_text", "varchar"),
            _c("speaker_char_start", "integer"),
            _c("speaker_char_end", "integer"),
            _c("speaker_actor_key", "varchar"),
            _c("speaker_name", "varchar"),
            _c("speaker_type", "varchar", "person | country | organization | outlet | descriptor"),
            _c("speaker_outlet_key", "varchar"),
            _c("confidence", "double", nn=True),
            _c("speaker_role", "varchar", "who the speaker is, as the text says (Iran's foreign minister)"),
        ),
    ),
    Table(
        "ann_agreements",
        "An agreement a document reports (one row per agreement per document).",
        (
            *_KEY,
            _c("agreement_index", "integer", nn=True),
            *_SPAN,
            _c("evidence_text", "varchar", nn=True),
            _c("name", "varchar", nn=True),
            _c("agreement_type", "varchar", "seeds/agreement_types.csv", nn=True),
            _c("status", "varchar", "seeds/agreement_statuses.csv", nn=True),
            _c("signed_date", "date"),
            _c("date_precision", "varchar", "seeds/date_precisions.csv", nn=True),
            _c("duration_years", "integer"),
            _c("article_count", "integer"),
            _c("confidence", "double", nn=True),
            _c("topic", "varchar", "what a generically named agreement is about, from its own phrase ('to normalise "
                                   "ties' of 'a deal'); shown after its name, not part of the name that identifies it"),
        ),
    ),
    Table(
        "ann_agreement_parties",
        "A party of an agreement of ann_agreements.",
        (
            *_KEY,
            _c("agreement_index", "integer", nn=True),
            _c("actor_key", "varchar"),
            _c("actor_name", "varchar", nn=True),
            _c("actor_type", "varchar", nn=True),
        ),
    ),
    Table(
        "ann_meetings",
        "A meeting, visit, call or talks a document reports.",
        (
            *_KEY,
            _c("meeting_index", "integer", nn=True),
            *_SPAN,
            _c("evidence_text", "varchar", nn=True),
            _c("meeting_type", "varchar", "visit | talks | call | summit | signing | meeting", nn=True),
            _c("status", "varchar", "planned | held", nn=True),
            _c("meeting_date", "date"),
            _c("date_precision", "varchar", "seeds/date_precisions.csv", nn=True),
            _c("date_text", "varchar"),
            _c("location_name", "varchar"),
            _c("location_country_code", "varchar"),
            _c("agreement_index", "integer", "ann_agreements.agreement_index of the same document"),
            _c("confidence", "double", nn=True),
        ),
    ),
    Table(
        "ann_meeting_participants",
        "A participant of a meeting of ann_meetings.",
        (
            *_KEY,
            _c("meeting_index", "integer", nn=True),
            _c("actor_key", "varchar"),
            _c("actor_name", "varchar", nn=True),
            _c("actor_type", "varchar", "person | country | organization | descriptor (described, not named: no actor)",
               nn=True),
            _c("role", "varchar", "visitor | host | participant", nn=True),
            _c("char_start", "integer"),
            _c("char_end", "integer"),
        ),
    ),
    Table(
        "ann_figures",
        "A money amount, percentage or quantity, typed and normalized.",
        (
            *_KEY,
            _c("figure_index", "integer", nn=True),
            *_SPAN,
            _c("source_text", "varchar", nn=True),
            _c("metric", "varchar", "closed list: dbt/seeds/figure_metrics.csv", nn=True),
            _c("value", "double", 'normalized: "$5 billion" -> 5000000000, "80 percent" -> 80', nn=True),
            _c("unit", "varchar", "ISO 4217 code, percent, tonnes, barrels_per_day, ...", nn=True),
            _c("qualifier", "varchar", "over | under | about | up_to | at_least | null"),
            _c("period_text", "varchar"),
            _c("period_start", "date"),
            _c("period_end", "date"),
            _c("speaker_actor_key", "varchar"),
            _c("speaker_name", "varchar"),
            _c("party_actor_keys", "varchar[]", "actor keys of the parties: country-<iso3> and group organisations"),
            _c("confidence", "double", nn=True),
            _c("parties", "varchar[]", "ISO 3166-1 alpha-3 codes of the country parties, sorted"),
            _c("party_roles", "varchar[]", "role of each party_actor_keys entry: subject | partner"),
            _c("scope", "varchar", "bilateral | unilateral | multilateral | global | null"),
            _c("value_high", "double", "a range's high end ($4–5 billion: value 4e9, value_high 5e9)"),
            _c("per", "varchar", "denominator of a rate: day | month | year | share | barrel | ounce | ..."),
            _c("is_change", "boolean", "the figure is a change of its metric (signed), not a level"),
            _c("period_precision", "varchar", "day | month | quarter | half | year | fiscal_year | years"),
            _c("speaker_type", "varchar", "person | country | organization | outlet | descriptor (as ann_claims)"),
        ),
    ),
)
TABLES: dict[str, Table] = {t.name: t for t in (ANN_DOCUMENTS, *FACT_TABLES)}
SCHEMAS: dict[str, pa.Schema] = {t.name: t.arrow_schema for t in FACT_TABLES}


def schema_sql() -> str:
    """DDL of every annotation table."""
    return "create schema if not exists raw;\n" + "\n".join(t.ddl() for t in TABLES.values())
