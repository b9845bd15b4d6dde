"""Expectations on the marts: what must hold before anything is published.

One MartSpec per table of the published contract (DESIGN.md). `contract` lists the columns the
contract names; a build missing one fails. Checks may also read columns that exist today but are
not in the contract (fct_mentions.mention_id, confidence): such a check is skipped, with a note,
when a build no longer has the column. Bounds that depend on the clock or on the previous
publication are GX suite parameters, filled per run by the gate:

- now_plus_skew     now + the clock-skew allowance (nothing is published, fetched or seen later)
- planned_fact_max  now + planned_fact_years (a planned visit or treaty is not decades away)
- period_max        now + period_years (trade targets "by 2050")
- fresh_after       now - freshness window (newest document)
- min_rows          floor from the previous publication's row count (volume check)

Enums the published contract spells out block; enums that only the annotation contract names
(meeting_type, agreement_type, role) warn, so the extraction helper can add a value without
blocking a publish.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from expectations.checks import (
    Check,
    at_least,
    between,
    length_between,
    matches,
    max_at_least,
    not_null,
    one_of,
    param,
    references,
    unique,
)
from expectations.iso_codes import COUNTRY_ALPHA3_REGEX, CURRENCY_REGEX, ISO_639_1
from expectations.settings import OLDEST_DOCUMENT, OLDEST_FACT, GateSettings
from expectations.sql import clamp_timestamp
from extraction.seeds import read_rows, seed_list, seed_values

SOURCE_KINDS = ("files", "telegram_web", "telegram_export", "telegram_api", "rss", "web")
PLATFORMS = ("telegram", "web", "rss", "wire", "unknown")
RELIABILITY_GRADES = ("A", "B", "C", "D", "E", "F")
CREDIBILITY = (1, 2, 3, 4, 5, 6)
# Enums owned by the dbt seeds (the extractor and dbt read the same files)
MEETING_STATUS = seed_values("meeting_statuses", "status")
DATE_PRECISION = seed_values("date_precisions", "date_precision")
AGREEMENT_STATUS = seed_values("agreement_statuses", "status")
FACT_TYPES = ("meeting", "claim", "agreement", "trade_figure")
# warning-level in marts
AGREEMENT_TYPES = seed_values("agreement_types", "agreement_type")
MEETING_TYPES = seed_values("meeting_types", "meeting_type")
PARTICIPANT_ROLES = ("visitor", "host", "participant")
# bdg_claim_subjects: what a claim is about, and how close to the claim it is named
CLAIM_SUBJECT_TYPES = ("agreement", "meeting", "actor")
CLAIM_LINK_SCOPES = ("sentence", "paragraph")

DOC_ID_REGEX = r"^[0-9a-f]{32}$"  # ingestion.records.make_doc_id
URL_REGEX = r"(?i)^[a-z][a-z0-9+.-]*://\S+$"
# Figures: the closed metric list (dbt/seeds/figure_metrics.csv), the metrics whose values may be
# negative (a change of them: signed = true), and the scopes and party roles of the contract.
FIGURE_METRICS = seed_values("figure_metrics", "metric")
SIGNED_FIGURE_METRICS = tuple(r["metric"] for r in read_rows("figure_metrics") if r["signed"].strip().casefold() == "true")
FIGURE_SCOPES = ("bilateral", "unilateral", "multilateral", "global")
FIGURE_PARTY_ROLES = ("subject", "partner", "reporter")
# levels that can be below zero (deflation, negative rates, a contraction, a falling market, a loss margin):
# the seed's negative_level column, which the extractor reads too
NEGATIVE_LEVEL_METRICS = tuple(
    r["metric"] for r in read_rows("figure_metrics") if (r.get("negative_level") or "").strip().casefold() == "true"
)
# A percentage that is a change (growth, decline) may be negative or above 100; a share may not. Without
# the is_change column, a metric that may carry a change (signed) is read as one.
CHANGE_METRIC_SQL = "coalesce(t.metric, '') in (" + ", ".join(f"'{m}'" for m in SIGNED_FIGURE_METRICS) + ")"
SHARE_METRIC_SQL = "regexp_matches(coalesce(t.metric, ''), 'share')"

# Unit families: the kinds of unit figure_metrics.csv allows per metric (its `units` column), and how a
# published unit belongs to one. extraction/figures.py writes a money amount's unit as its ISO 4217 code,
# a percentage as percent or percentage_points, and anything else it reads as a physical unit (tonnes,
# barrels_per_day, watt_hours, ...), so a unit the seed does not name is a physical quantity.
METRIC_UNIT_FAMILIES: dict[str, tuple[str, ...]] = {r["metric"]: tuple(seed_list(r["units"])) for r in read_rows("figure_metrics")}
UNIT_FAMILIES: tuple[str, ...] = tuple(sorted({f for families in METRIC_UNIT_FAMILIES.values() for f in families}))
_MONEY_UNIT_SQL = f"regexp_full_match(t.unit, '{CURRENCY_REGEX.removeprefix('^').removesuffix('$')}')"
_PERCENT_UNIT_SQL = "t.unit in ('percent', 'percentage_points')"
UNIT_FAMILY_SQL: dict[str, str] = {
    "money": _MONEY_UNIT_SQL,
    "percent": _PERCENT_UNIT_SQL,
    "quantity": f"not ({_MONEY_UNIT_SQL}) and not ({_PERCENT_UNIT_SQL})",
}


@dataclass(frozen=True)
class MartSpec:
    table: str
    key: tuple[str, ...]
    contract: tuple[str, ...]
    checks: tuple[Check, ...]
    min_rows: int = 0  # floor even without a previous publication
    nullable_key: tuple[str, ...] = ()  # key columns that may be null (a citation without a URL)
    # compared with the previous publication's row count; off for a table that legitimately empties
    # (audit_rejected_facts: undoing the only rejection)
    volume_checked: bool = True

    def all_checks(self, settings: GateSettings) -> list[Check]:
        """Key checks first, then the mart's own; the volume floor is added by the gate."""
        keys: list[Check] = [unique(*self.key, id="key_unique")]
        keys += [not_null(c) for c in self.key if c not in self.nullable_key]
        return keys + [c for c in self.checks if c.id != "freshness"] + _freshness(self, settings)


def _freshness(spec: MartSpec, settings: GateSettings) -> list[Check]:
    if spec.table != "dim_documents":
        return []
    return [
        max_at_least(
            "fetched_at",
            param("fresh_after"),
            id="freshness",
            description=f"newest document fetched within the last {settings.freshness_hours:g} h",
            blocking=settings.freshness_blocking,
        )
    ]


def doc_time(column: str) -> Check:
    return between(
        column, OLDEST_DOCUMENT, param("now_plus_skew"),
        description=f"{column} between 1990-01-01 and now + clock skew",
    )


def fact_date(column: str, ceiling: str = "planned_fact_max") -> Check:
    return between(column, OLDEST_FACT, param(ceiling), description=f"{column} between 1900-01-01 and {ceiling}")


def counts_at_least_one(*columns: str) -> list[Check]:
    return [between(c, 1, None, id=f"{c}_positive", description=f"{c} >= 1") for c in columns]



def figure_contract_checks() -> tuple[Check, ...]:
    """fct_trade_figures: the metric enum, parties and scope of the contract (issue 17), and the sign
    rules once a build says which figures are changes (is_change). Checks of columns a build lacks are
    skipped, with a note."""
    bad_parties = (
        "case when t.parties is not null and (t.parties <> list_sort(t.parties) or len(list_distinct(t.parties)) <> len(t.parties)"
        f" or len(list_filter(t.parties, p -> not regexp_matches(p, '{COUNTRY_ALPHA3_REGEX}'))) > 0)"
        " then array_to_string(t.parties, ',') end"
    )
    scope_mismatch = (
        "case when (t.scope = 'unilateral' and len(t.parties) <> 1) or (t.scope = 'bilateral' and len(t.parties) not in (1, 2))"
        " or (t.scope = 'global' and len(t.parties) > 0) or (t.scope is null and len(t.parties) > 0)"
        " then coalesce(t.scope, 'null') || ': ' || array_to_string(t.parties, ',') end"
    )
    return (
        one_of("metric", FIGURE_METRICS, id="metric_in_figure_metrics_seed"),
        one_of("scope", FIGURE_SCOPES),
        Check(
            "parties_are_sorted_alpha3_codes", "parties are distinct, sorted ISO 3166-1 alpha-3 codes",
            "ExpectColumnValuesToBeNull", {"column": "parties__malformed"}, column="parties", uses=("parties",),
            derived={"parties__malformed": bad_parties},
        ),
        Check(
            "scope_matches_parties",
            "scope matches the parties (unilateral: one country, bilateral: one or two, global: none, none: no scope)",
            "ExpectColumnValuesToBeNull", {"column": "scope__mismatch"}, column="scope", uses=("scope", "parties"),
            derived={"scope__mismatch": scope_mismatch},
        ),
        *unit_family_checks(),
    )


def _percent_ranges() -> tuple[Check, ...]:
    """Percent and percentage points: a change is at least -100, a level >= 0 unless its metric can be
    negative (the share and the metric-based rules of the same family are in the fct_trade_figures spec)."""
    negative_level_ok = ", ".join(f"'{m}'" for m in NEGATIVE_LEVEL_METRICS)
    percent = UNIT_FAMILY_SQL["percent"]
    return (
        between(
            "value__flagged_change_percent", -100, None, id="flagged_change_percent_not_below_minus_100",
            description="a percentage marked as a change (is_change) is at least -100",
            source_column="value", uses=("value", "unit", "is_change"),
            derived={"value__flagged_change_percent": f"case when {percent} and t.is_change then t.value end"},
        ),
        between(
            "value__flagged_level_percent", 0, None, id="flagged_level_percent_non_negative",
            description=f"a percentage level (not is_change) is >= 0 unless its metric can be negative ({negative_level_ok})",
            source_column="value", uses=("value", "unit", "is_change", "metric"),
            derived={
                "value__flagged_level_percent": f"case when {percent} and not t.is_change"
                f" and t.metric not in ({negative_level_ok}) then t.value end"
            },
        ),
    )


def _money_ranges() -> tuple[Check, ...]:
    """A money amount is > 0 whether or not it is a change: a cut or a drop keeps its magnitude (is_change)."""
    return (
        between(
            "value__money", 0, None, strict_low=True, id="money_positive",
            description="a money amount (unit is an ISO 4217 code) is > 0",
            source_column="value", uses=("value", "unit"),
            derived={"value__money": f"case when {UNIT_FAMILY_SQL['money']} then t.value end"},
        ),
    )


def _quantity_ranges() -> tuple[Check, ...]:
    """A physical quantity (tonnes, barrels, watt-hours, km, ...) is >= 0 unless the figure is a change;
    a build without is_change reads a metric that may carry a change (seed: signed) as one."""
    quantity = UNIT_FAMILY_SQL["quantity"]
    return (
        between(
            "value__flagged_level_quantity", 0, None, id="quantity_non_negative",
            description="a physical quantity (a unit that is neither money nor a percentage) is >= 0 unless it is a change (is_change)",
            source_column="value", uses=("value", "unit", "is_change"),
            derived={"value__flagged_level_quantity": f"case when {quantity} and not coalesce(t.is_change, false) then t.value end"},
        ),
        between(
            "value__level_quantity", 0, None, id="quantity_non_negative_unless_signed_metric",
            description="a physical quantity is >= 0 unless its metric may carry a change (seed: signed)",
            source_column="value", uses=("value", "unit", "metric"),
            derived={"value__level_quantity": f"case when {quantity} and not {CHANGE_METRIC_SQL} then t.value end"},
        ),
    )


# The range rules of each unit family; every family the metric seed names must have one (checked on import).
UNIT_FAMILY_RANGES: dict[str, Callable[[], tuple[Check, ...]]] = {
    "money": _money_ranges,
    "percent": _percent_ranges,
    "quantity": _quantity_ranges,
}


def unit_family_checks() -> tuple[Check, ...]:
    """Per figure: its unit's family is one the seed allows for its metric, its range is ordered, and its
    value is within the family's range."""
    unranged = [f for f in UNIT_FAMILIES if f not in UNIT_FAMILY_RANGES or f not in UNIT_FAMILY_SQL]
    if unranged:
        raise ValueError(f"figure_metrics.csv names unit families without a range rule: {', '.join(unranged)}")
    family = "case " + " ".join(f"when {UNIT_FAMILY_SQL[f]} then '{f}'" for f in UNIT_FAMILIES) + " end"
    allowed = "case t.metric " + " ".join(
        f"when '{m}' then [{', '.join(repr(f) for f in families)}]" for m, families in METRIC_UNIT_FAMILIES.items()
    ) + " end"
    checks: list[Check] = [
        Check(
            "unit_family_allowed_for_metric",
            "the unit is of a unit family the metric allows (figure_metrics.csv: units)",
            "ExpectColumnValuesToBeNull", {"column": "unit__family_not_allowed"}, column="unit",
            uses=("unit", "metric"),
            derived={
                "unit__family_not_allowed": f"case when t.unit is not null and {allowed} is not null"
                f" and not list_contains({allowed}, {family}) then t.metric || ': ' || t.unit end"
            },
        ),
        at_least("value_high", "value"),
    ]
    for name in UNIT_FAMILIES:
        checks += UNIT_FAMILY_RANGES[name]()
    return tuple(checks)


FIGURE_PARTIES_SPEC = MartSpec(
    table="bdg_figure_parties",
    key=("figure_id", "actor_id", "role"),
    contract=("figure_id", "actor_id", "role"),
    checks=(
        one_of("role", FIGURE_PARTY_ROLES),
        references("figure_id", "fct_trade_figures", "figure_id"),
        references("actor_id", "dim_actors", "actor_id"),
    ),
)


CLAIM_SUBJECTS_SPEC = MartSpec(
    table="bdg_claim_subjects",
    key=("claim_id", "subject_type", "subject_id"),
    contract=("claim_id", "subject_type", "subject_id", "agreement_id", "meeting_id", "actor_id", "link_scope"),
    checks=(
        one_of("subject_type", CLAIM_SUBJECT_TYPES),
        not_null("link_scope"),
        one_of("link_scope", CLAIM_LINK_SCOPES),
        Check(
            "subject_id_in_its_type_column",
            "the id column of the subject_type (agreement_id, meeting_id or actor_id) holds subject_id; the other two are null",
            "ExpectColumnValuesToBeNull", {"column": "subject_id__misfiled"}, column="subject_id",
            uses=("subject_type", "subject_id", "agreement_id", "meeting_id", "actor_id"),
            derived={
                "subject_id__misfiled": "case when t.subject_id is distinct from case t.subject_type"
                " when 'agreement' then t.agreement_id when 'meeting' then t.meeting_id when 'actor' then t.actor_id end"
                " or (t.agreement_id is not null)::int + (t.meeting_id is not null)::int + (t.actor_id is not null)::int <> 1"
                " then coalesce(t.subject_type, 'null') || ': ' || coalesce(t.subject_id, 'null') end"
            },
        ),
        between("document_count", 1, None, description="document_count >= 1"),
        references("claim_id", "fct_claims", "claim_id"),
        references("agreement_id", "dim_agreements", "agreement_id"),
        references("meeting_id", "fct_meetings", "meeting_id"),
        references("actor_id", "dim_actors", "actor_id"),
    ),
)


def first_report_times() -> tuple[Check, ...]:
    """A fact mart's first_reported_at is a document date (null when no report is dated) and
    first_ingested_at when the warehouse first saw a report: always known."""
    return (
        doc_time("first_reported_at"),
        not_null("first_ingested_at"),
        doc_time("first_ingested_at"),
    )


def calibrated_confidence() -> tuple[Check, ...]:
    """Every fact mart publishes a calibrated probability (dbt/seeds/confidence_calibration.csv)."""
    return (
        not_null("confidence"),
        between("confidence", 0.0, 1.0, id="confidence_is_a_probability",
                description="confidence is a probability in [0, 1]"),
    )

MART_SPECS: tuple[MartSpec, ...] = (
    MartSpec(
        table="dim_documents",
        key=("doc_id",),
        contract=(
            "doc_id", "source_kind", "source_name", "outlet_id", "url", "title", "published_at", "fetched_at", "language",
        ),
        checks=(
            matches("doc_id", DOC_ID_REGEX, "a 32-hex-digit stable hash"),
            not_null("source_kind"),
            not_null("source_name"),
            not_null("outlet_id"),
            not_null("fetched_at"),
            one_of("source_kind", SOURCE_KINDS),
            matches("url", URL_REGEX, "an absolute URL"),
            one_of("language", ISO_639_1, id="language_iso_639_1"),
            doc_time("published_at"),
            doc_time("fetched_at"),
            references("outlet_id", "dim_outlets", "outlet_id"),
        ),
        min_rows=1,
    ),
    MartSpec(
        table="dim_actors",
        key=("actor_id",),
        contract=(
            "actor_id", "canonical_name", "actor_type", "country_code", "aliases", "mention_count",
            "first_seen_at", "last_seen_at",
        ),
        checks=(
            not_null("canonical_name"),
            not_null("actor_type"),
            one_of("actor_type", ("person", "country", "organization")),
            matches("country_code", COUNTRY_ALPHA3_REGEX, "an ISO 3166-1 alpha-3 code"),
            not_null("mention_count"),
            between("mention_count", 0, None, description="mention_count >= 0"),
            doc_time("first_seen_at"),
            doc_time("last_seen_at"),
            at_least("last_seen_at", "first_seen_at"),
        ),
        min_rows=1,
    ),
    MartSpec(
        table="dim_outlets",
        key=("outlet_id",),
        contract=(
            "outlet_id", "name", "platform", "handle", "domain", "country_code", "state_affiliated", "reliability_grade",
        ),
        checks=(
            not_null("name"),
            not_null("platform"),
            one_of("platform", PLATFORMS),
            one_of("reliability_grade", RELIABILITY_GRADES, id="reliability_grade_a_to_f"),
            matches("country_code", COUNTRY_ALPHA3_REGEX, "an ISO 3166-1 alpha-3 code"),
            one_of("state_affiliated", (True, False)),
            matches("domain", r"(?i)^[a-z0-9-]+(?:\.[a-z0-9-]+)+$", "a host name", blocking=False),
        ),
    ),
    MartSpec(
        table="dim_agreements",
        key=("agreement_id",),
        contract=(
            "agreement_id", "name", "agreement_type", "status", "signed_date", "duration_years", "article_count",
            "source_count", "outlet_count", "confidence",
        ),
        checks=(
            *calibrated_confidence(),
            not_null("name"),
            not_null("status"),
            one_of("status", AGREEMENT_STATUS),
            one_of("agreement_type", AGREEMENT_TYPES, blocking=False),
            fact_date("signed_date"),
            between("duration_years", 1, 200, description="duration_years between 1 and 200"),
            between("article_count", 1, 10_000, description="article_count between 1 and 10,000"),
            not_null("source_count"),
            *counts_at_least_one("source_count", "outlet_count"),
            at_least("source_count", "outlet_count"),
            *first_report_times(),
        ),
    ),
    MartSpec(
        table="bdg_agreement_parties",
        key=("agreement_id", "actor_id"),
        contract=("agreement_id", "actor_id"),
        checks=(
            references("agreement_id", "dim_agreements", "agreement_id"),
            references("actor_id", "dim_actors", "actor_id"),
        ),
    ),
    MartSpec(
        table="fct_meetings",
        key=("meeting_id",),
        contract=(
            "meeting_id", "meeting_date", "date_precision", "location_name", "location_country_code", "meeting_type",
            "status", "agreement_id", "source_count", "outlet_count", "independent_origin_count", "credibility",
            "first_reported_at", "first_ingested_at", "confidence",
        ),
        checks=(
            *calibrated_confidence(),
            not_null("status"),
            one_of("status", MEETING_STATUS),
            not_null("date_precision"),
            one_of("date_precision", DATE_PRECISION),
            one_of("meeting_type", MEETING_TYPES, blocking=False),
            fact_date("meeting_date"),
            between(
                "meeting_date__if_held", None, param("now_plus_skew"),
                id="held_meeting_not_in_future", description="a meeting marked held is not dated in the future",
                source_column="meeting_date", uses=("meeting_date", "status"),
                derived={"meeting_date__if_held": clamp_timestamp("case when t.status = 'held' then t.meeting_date end")},
            ),
            matches("location_country_code", COUNTRY_ALPHA3_REGEX, "an ISO 3166-1 alpha-3 code"),
            not_null("credibility"),
            one_of("credibility", CREDIBILITY, id="credibility_1_to_6"),
            not_null("source_count"),
            *counts_at_least_one("source_count", "outlet_count", "independent_origin_count"),
            at_least("source_count", "outlet_count"),
            at_least("source_count", "independent_origin_count"),
            *first_report_times(),
            references("agreement_id", "dim_agreements", "agreement_id"),
        ),
    ),
    MartSpec(
        table="bdg_meeting_participants",
        key=("meeting_id", "actor_id"),
        contract=("meeting_id", "actor_id", "role"),
        checks=(
            references("meeting_id", "fct_meetings", "meeting_id"),
            references("actor_id", "dim_actors", "actor_id"),
            one_of("role", PARTICIPANT_ROLES, blocking=False),
        ),
    ),
    MartSpec(
        table="fct_claims",
        key=("claim_id",),
        contract=(
            "claim_id", "speaker_actor_id", "speaker_name", "claim_text", "is_direct_quote", "doc_id", "outlet_id",
            "published_at", "source_url", "source_count", "confidence",
        ),
        checks=(
            *calibrated_confidence(),
            not_null("claim_text"),
            length_between("claim_text", 1, None, id="claim_text_not_empty"),
            not_null("doc_id"),
            one_of("is_direct_quote", (True, False)),
            doc_time("published_at"),
            matches("source_url", URL_REGEX, "an absolute URL"),
            *counts_at_least_one("source_count"),
            *first_report_times(),
            references("speaker_actor_id", "dim_actors", "actor_id"),
            references("doc_id", "dim_documents", "doc_id"),
            references("outlet_id", "dim_outlets", "outlet_id"),
        ),
    ),
    CLAIM_SUBJECTS_SPEC,
    MartSpec(
        table="fct_trade_figures",
        key=("figure_id",),
        contract=(
            "figure_id", "metric", "value", "unit", "period_start", "period_end", "speaker_actor_id", "doc_id",
            "source_text", "source_count", "confidence", "parties", "scope",
        ),
        checks=(
            *calibrated_confidence(),
            not_null("metric"),
            not_null("value"),
            not_null("unit"),
            not_null("doc_id"),
            between(
                "value__share_percent", 0, 100, id="percent_0_to_100",
                description="a percentage share (metric *share*, unit percent) is between 0 and 100",
                source_column="value", uses=("value", "unit", "metric"),
                derived={"value__share_percent": f"case when t.unit = 'percent' and {SHARE_METRIC_SQL} then t.value end"},
            ),
            between(
                "value__level_percent", 0, None, id="percent_level_non_negative",
                description="a percentage level, ratio or rate (neither a share nor a change, nor of a metric whose level may be below zero: seed negative_level) is >= 0",
                source_column="value", uses=("value", "unit", "metric"),
                derived={
                    "value__level_percent": f"case when t.unit = 'percent' and not {SHARE_METRIC_SQL} and not {CHANGE_METRIC_SQL}"
                    f" and coalesce(t.metric, '') not in ({', '.join(repr(m) for m in NEGATIVE_LEVEL_METRICS)}) then t.value end"
                },
            ),
            between(
                "value__change_percent", -100, None, id="change_percent_not_below_minus_100",
                description="a percentage change is at least -100 (nothing falls by more than all of it)",
                source_column="value", uses=("value", "unit", "metric"),
                derived={"value__change_percent": f"case when t.unit = 'percent' and {CHANGE_METRIC_SQL} then t.value end"},
            ),
            between(
                "value__change_percent", None, 10_000, id="change_percent_plausible", blocking=False,
                description="a percentage change above 10,000 is rare in news (a warning: real ones exist)",
                source_column="value", uses=("value", "unit", "metric"),
                derived={"value__change_percent": f"case when t.unit = 'percent' and {CHANGE_METRIC_SQL} then t.value end"},
            ),
            *figure_contract_checks(),
            fact_date("period_start", "period_max"),
            fact_date("period_end", "period_max"),
            at_least("period_end", "period_start"),
            *counts_at_least_one("source_count"),
            *first_report_times(),
            references("speaker_actor_id", "dim_actors", "actor_id"),
            references("doc_id", "dim_documents", "doc_id"),
        ),
    ),
    FIGURE_PARTIES_SPEC,
    MartSpec(
        table="fct_mentions",
        key=("doc_id", "actor_id", "char_start", "char_end"),
        contract=("doc_id", "actor_id", "sentence_index", "char_start", "char_end"),
        checks=(
            unique("mention_id"),  # exists today, not in the contract: skipped if a build drops it
            not_null("sentence_index"),
            between("sentence_index", 0, None, description="sentence_index >= 0"),
            between("char_start", 0, None, description="char_start >= 0"),
            at_least("char_end", "char_start", strict=True),
            between("confidence", 0, 1, description="confidence between 0 and 1"),
            references("doc_id", "dim_documents", "doc_id"),
            references("actor_id", "dim_actors", "actor_id"),
        ),
    ),
    MartSpec(
        table="fct_evidence",
        key=("fact_type", "fact_id", "doc_id", "char_start", "char_end"),
        contract=(
            "fact_type", "fact_id", "doc_id", "sentence_index", "char_start", "char_end", "extractor_version", "confidence",
        ),
        checks=(
            one_of("fact_type", FACT_TYPES),
            not_null("extractor_version"),
            between("sentence_index", 0, None, description="sentence_index >= 0"),
            between("char_start", 0, None, description="char_start >= 0"),
            at_least("char_end", "char_start", strict=True),
            between("confidence", 0, 1, description="confidence between 0 and 1"),
            references("doc_id", "dim_documents", "doc_id"),
            references("fact_id", "fct_meetings", "meeting_id", when="t.fact_type = 'meeting'", when_uses=("fact_type",)),
            references("fact_id", "fct_claims", "claim_id", when="t.fact_type = 'claim'", when_uses=("fact_type",)),
            references(
                "fact_id", "dim_agreements", "agreement_id", when="t.fact_type = 'agreement'", when_uses=("fact_type",)
            ),
            references(
                "fact_id", "fct_trade_figures", "figure_id", when="t.fact_type = 'trade_figure'", when_uses=("fact_type",)
            ),
        ),
    ),
    MartSpec(
        table="audit_rejected_facts",
        key=("fact_id",),
        contract=("fact_type", "fact_id", "judgement_id", "reason", "judged_by", "judged_at"),
        checks=(
            one_of("fact_type", FACT_TYPES),
            not_null("judgement_id"),
            not_null("judged_by"),
            not_null("judged_at"),
            doc_time("judged_at"),
            references("doc_id", "dim_documents", "doc_id"),
        ),
        volume_checked=False,
    ),
    MartSpec(
        table="bdg_document_citations",
        key=("doc_id", "cited_url", "cited_outlet_id"),
        contract=("doc_id", "cited_url", "cited_outlet_id"),
        checks=(
            matches("cited_url", URL_REGEX, "an absolute URL"),
            references("doc_id", "dim_documents", "doc_id"),
            references("cited_outlet_id", "dim_outlets", "outlet_id"),
        ),
        nullable_key=("cited_url", "cited_outlet_id"),
    ),
)

CONTRACT_MARTS: tuple[str, ...] = tuple(s.table for s in MART_SPECS)


def spec_for(table: str) -> MartSpec | None:
    return next((s for s in MART_SPECS if s.table == table), None)
