"""Expectations on a landed batch, per source kind: what a row must satisfy to enter raw.documents.

A blocking check here is row-level: rows that fail it are quarantined with the check's name and
their original payload, the rest of the batch continues. Non-blocking checks only warn in the
report. Columns the landing schema requires (REQUIRED) must exist or the batch is broken.
Bounds that depend on the clock are GX suite parameters (now_plus_skew), filled per batch.

Every row-level rule the mart gate applies to a value that comes from the source (URLs, dates,
enums: LANDED_FIELDS) also runs here, on the value as the mart will get it. The rule itself is the
mart suite's Check (one owner, mart_suites.py); `mart_rules_at_landing` re-aims it at the landed
row. A bad field is then quarantined with its record at landing, instead of landing and blocking
every later publication at the mart gate.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

from expectations.checks import Check, between, has_columns, matches, not_null, one_of, param, unique
from expectations.iso_codes import LANGUAGE_TAG_REGEX
from expectations.mart_suites import DOC_ID_REGEX, SOURCE_KINDS, URL_REGEX, spec_for
from expectations.settings import OLDEST_DOCUMENT, GateSettings

# ingestion.landing.DOCUMENT_SCHEMA, which every connector's batch has.
SCHEMA_COLUMNS = (
    "doc_id", "source_kind", "source_name", "external_id", "url", "title", "body", "author", "published_at",
    "fetched_at", "language", "outlet", "content_hash", "payload", "metadata",
)
REQUIRED = ("doc_id", "source_kind", "source_name", "external_id", "body", "fetched_at", "content_hash")
TELEGRAM_KINDS = ("telegram_web", "telegram_export", "telegram_api")
# Kinds whose documents are addressed by URL: a row without one cannot be cited or re-fetched.
# (RSS items without a link exist in real feeds: that only warns.)
URL_REQUIRED = ("telegram_web", "web")

HTTP_URL_REGEX = r"(?i)^https?://[^\s/?#]+\.[^\s/?#]+(?:/\S*)?$"
TME_URL_REGEX = r"(?i)^https?://(?:www\.)?(?:t\.me|telegram\.me)/\S+$"
EXTERNAL_ID_REGEX = r"^[^\x00-\x1f\x7f]{1,2048}$"  # printable, at most 2,048 characters
TELEGRAM_MESSAGE_ID_REGEX = r"[0-9]+$"  # "123", "channel/123": ends in the message id
CONTENT_HASH_REGEX = r"^[0-9a-f]{32}$"  # ingestion.records.content_hash

# text measured in DuckDB so bodies of several MB never travel into pandas
TRIMMED_BODY_CHARS = "coalesce(length(trim(t.body, ' ' || chr(9) || chr(10) || chr(13) || chr(160))), 0)"


def required_columns(source_kind: str) -> tuple[str, ...]:
    return REQUIRED + (("url",) if source_kind in URL_REQUIRED else ())


def batch_checks(source_kind: str, source_name: str, settings: GateSettings) -> list[Check]:
    """The suite of one source kind, in the order rows are judged (first failure names the row)."""
    if source_kind not in SOURCE_KINDS:
        raise ValueError(f"unknown source kind {source_kind!r} (known: {', '.join(SOURCE_KINDS)})")
    telegram = source_kind in TELEGRAM_KINDS
    max_body = settings.max_telegram_body_chars if telegram else settings.max_body_chars
    checks: list[Check] = [
        has_columns(required_columns(source_kind)),
        not_null("doc_id"),
        matches("doc_id", DOC_ID_REGEX, "a 32-hex-digit stable hash", id="doc_id_format"),
        unique("doc_id", id="doc_id_unique_in_batch"),
        one_of("source_kind", (source_kind,), id="source_kind_matches_source"),
        one_of("source_name", (source_name,), id="source_name_matches_source"),
        not_null("external_id"),
        matches("external_id", EXTERNAL_ID_REGEX, "printable and at most 2,048 characters", id="external_id_format"),
    ]
    if telegram:
        checks.append(
            matches("external_id", TELEGRAM_MESSAGE_ID_REGEX, "a Telegram message id", id="external_id_is_message_id")
        )
    if source_kind in URL_REQUIRED:
        checks.append(not_null("url", blocking=True))
    elif source_kind == "rss":
        checks.append(not_null("url", blocking=False))
    if source_kind == "telegram_web":
        checks.append(matches("url", TME_URL_REGEX, "a t.me post URL", id="url_format"))
    elif source_kind == "files":
        checks.append(matches("url", URL_REGEX, "an absolute URL", id="url_format"))
    else:
        checks.append(matches("url", HTTP_URL_REGEX, "an http(s) URL", id="url_format"))
    checks += [
        between(
            "body_chars", 1, max_body, id="body_length", source_column="body", uses=("body",),
            description=f"body has 1..{max_body:,} characters (after trimming whitespace)",
            derived={"body_chars": TRIMMED_BODY_CHARS},
        ),
        between(
            "title_chars", None, 5_000, id="title_length", source_column="title", uses=("title",), blocking=False,
            description="title has at most 5,000 characters", derived={"title_chars": "length(t.title)"},
        ),
        between(
            "published_at", None, param("now_plus_skew"), id="published_at_not_in_future",
            description=f"published_at not later than now + {settings.future_skew_hours:g} h clock skew",
        ),
        between(
            "published_at", OLDEST_DOCUMENT, None, id="published_at_after_1990",
            description="published_at not before 1990-01-01",
        ),
        not_null("fetched_at"),
        between(
            "fetched_at", OLDEST_DOCUMENT, param("now_plus_skew"), id="fetched_at_plausible",
            description="fetched_at between 1990-01-01 and now + clock skew",
        ),
        matches("language", LANGUAGE_TAG_REGEX, "an ISO 639-1 code (optionally with BCP 47 subtags)", id="language_iso_639_1"),
        not_null("content_hash"),
        matches("content_hash", CONTENT_HASH_REGEX, "a 32-hex-digit hash", id="content_hash_format"),
        not_null("payload", blocking=False),
    ]
    return checks + mart_rules_at_landing(settings, own=checks)


@dataclass(frozen=True)
class LandedField:
    """A mart column whose values come from a landed row, and how the landed value becomes the mart's.

    `sql` (over the landed row `t`, and the element `e` with `each`) is what dbt staging and the loader
    make of the value; None means the landed column as it is. With `each` (a list over `t`), every
    element becomes its own mart row.
    """

    mart: str
    column: str
    landed: str
    sql: str | None = None
    each: str | None = None
    uses: tuple[str, ...] = ()


_URL_AS_STAGED = "nullif(trim(t.url), '')"  # stg_raw__documents.url
# raw.document_links 'cites' rows (ingestion.landing._LINK_SOURCES) as bdg_document_citations gets them
# (stg_raw__document_links, the mart's `linked` CTE): links other than the document's own URL whose
# comparable form is not empty.
_LINKS = "try_cast(json_extract(t.metadata, '$.links') as varchar[])"
_LINK_AS_CITED = (
    "case when e is distinct from t.url and osint_url_comparable(nullif(trim(e), '')) is not null"
    " then nullif(trim(e), '') end"
)

LANDED_FIELDS: tuple[LandedField, ...] = (
    LandedField("dim_documents", "doc_id", "doc_id"),
    LandedField("dim_documents", "source_kind", "source_kind"),
    LandedField("dim_documents", "source_name", "source_name"),
    LandedField("dim_documents", "url", "url", _URL_AS_STAGED),
    # the bare ISO 639-1 code of a landed tag ('en-US' -> 'en'): ingestion.language.normalize_language_code,
    # registered for SQL as osint_language_code (osint/dbt_functions.py)
    LandedField("dim_documents", "language", "language", "osint_language_code(t.language)"),
    LandedField("dim_documents", "published_at", "published_at"),
    LandedField("dim_documents", "fetched_at", "fetched_at"),
    LandedField("fct_claims", "source_url", "url", _URL_AS_STAGED),
    LandedField("fct_claims", "published_at", "published_at"),
    LandedField("bdg_document_citations", "cited_url", "metadata", _LINK_AS_CITED, each=_LINKS, uses=("metadata", "url")),
)

_KEY_CHECKS = ("ExpectColumnValuesToBeUnique", "ExpectCompoundColumnsToBeUnique")


def is_row_rule_on(check: Check, column: str) -> bool:
    """A rule the mart gate applies to each value of `column` alone (no join, no other column, no uniqueness)."""
    return (
        check.row_level
        and check.kwargs.get("column") == column
        and check.uses == (column,)
        and not check.derived
        and not check.joins
        and check.gx_type not in _KEY_CHECKS
    )


def at_landing(check: Check, field: LandedField) -> Check:
    """The mart rule `check` on `field`, aimed at the landed row (same expectation, same bounds)."""
    check_id = f"{field.mart}.{check.id}"
    description = f"{check.description} (the mart gate's rule on {field.mart}.{field.column})"
    if field.sql is None and field.each is None:
        return replace(
            check, id=check_id, description=description, column=field.landed,
            kwargs={**check.kwargs, "column": field.landed}, uses=(field.landed,),
        )
    name = f"{field.landed}__as_{field.mart}_{field.column}"
    return replace(
        check, id=check_id, description=description, column=field.landed,
        kwargs={**check.kwargs, "column": name}, uses=field.uses or (field.landed,),
        derived={name: field.sql or f"t.{field.landed}"}, each=field.each,
    )


def _signature(check: Check) -> str:
    """What a check tests, whatever its id: two checks with one signature are one rule applied twice."""
    column = check.kwargs.get("column")
    value = check.derived.get(column, f"t.{column}") if column else None
    rest = {k: v for k, v in check.kwargs.items() if k != "column"}
    return json.dumps([check.gx_type, value, check.each, rest], sort_keys=True, default=str)


def mart_rules_at_landing(settings: GateSettings, own: list[Check] | None = None) -> list[Check]:
    """Every row-level mart rule on a landed field (LANDED_FIELDS), aimed at the landed row; a rule
    the batch suite `own` already applies to the same value is not repeated."""
    seen = {_signature(c) for c in own or []}
    checks: list[Check] = []
    for field in LANDED_FIELDS:
        spec = spec_for(field.mart)
        if spec is None:
            raise ValueError(f"LANDED_FIELDS names {field.mart}, which is not a contract mart")
        rules = [c for c in spec.all_checks(settings) if is_row_rule_on(c, field.column)]
        if not rules and field.column not in spec.contract:
            raise ValueError(f"{field.mart}.{field.column} is neither checked nor in the contract")
        for rule in rules:
            check = at_landing(rule, field)
            if (signature := _signature(check)) not in seen:
                seen.add(signature)
                checks.append(check)
    return checks
