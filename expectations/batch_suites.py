"""Expectations on a landed batch, per source kind: what a row must satisfy to enter raw.documents.

A blocking check here is row-level: rows that fail it are quarantined with the check's name and
their original payload, the rest of the batch continues. Non-blocking checks only warn in the
report. Columns the landing schema requires (REQUIRED) must exist or the batch is broken.
Bounds that depend on the clock are GX suite parameters (now_plus_skew), filled per batch.
"""

from __future__ import annotations

from expectations.checks import Check, between, has_columns, matches, not_null, one_of, param, unique
from expectations.iso_codes import LANGUAGE_TAG_REGEX
from expectations.mart_suites import DOC_ID_REGEX, SOURCE_KINDS, URL_REGEX
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
    return checks
