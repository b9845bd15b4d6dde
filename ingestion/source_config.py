"""What a source is: the validated options of each connector kind (read from the pipeline config)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field


class SourceConfig(BaseModel):
    """Options shared by every source kind; kind-specific options live in subclasses."""

    model_config = ConfigDict(extra="forbid")

    kind: str
    name: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
    enabled: bool = True
    outlet: str | None = None  # default outlet name for records that do not name one
    # ISO 639-1 code for records whose language the connector could not tell (emoji-only posts,
    # code snippets); detected languages are never overridden
    language: str | None = Field(default=None, pattern=r"^[a-z]{2,3}$")


class FilesSourceConfig(SourceConfig):
    kind: Literal["files"]
    path: Path
    recursive: bool = True
    max_bytes: int = 10 * 1024 * 1024


class HttpSourceOptions(BaseModel):
    """Politeness and safety limits shared by every connector that talks HTTP."""

    timeout_seconds: float = Field(default=20.0, gt=0)  # each connect / read; see the deadlines for the whole
    # A response (connect, headers and body, each redirect hop) must be complete within this, however
    # the server trickles it; a source's requests together (retries and waits included) within the
    # second. What is not fetched in time is quarantined as a fetch failure and retried next run.
    deadline_seconds: float = Field(default=120.0, gt=0)
    source_deadline_seconds: float = Field(default=1800.0, gt=0)
    max_retries: int = Field(default=3, ge=0, le=10)
    backoff_seconds: float = Field(default=1.0, ge=0)  # first retry waits this long, then doubles
    max_retry_after_seconds: float = Field(default=120.0, ge=0)  # a longer 429 Retry-After fails the source
    min_interval_seconds: float = Field(default=1.0, ge=0)  # between two requests to the same source
    max_bytes: int = Field(default=5 * 1024 * 1024, gt=0)
    allow_private_addresses: bool = False  # loopback/private/link-local hosts are refused unless set
    user_agent: str = "osint-warehouse/0.1 (+https://github.com/osint-warehouse)"


class TelegramWebSourceConfig(SourceConfig, HttpSourceOptions):
    kind: Literal["telegram_web"]
    channel: str = Field(pattern=r"^[A-Za-z0-9_]{1,64}$")
    base_url: str = "https://t.me"
    pages: list[Path] = Field(default_factory=list)  # saved t.me/s pages to read instead of fetching
    max_pages: int = Field(default=20, ge=1)
    max_retries: int = Field(default=4, ge=0, le=10)
    max_bytes: int = Field(default=4 * 1024 * 1024, gt=0)


class TelegramExportSourceConfig(SourceConfig):
    kind: Literal["telegram_export"]
    path: Path  # a result.json, or a folder searched for */result.json and *.json exports
    channel: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_]{1,64}$")  # public username, for post URLs
    max_bytes: int = Field(default=512 * 1024 * 1024, gt=0)


class TelegramApiSourceConfig(SourceConfig):
    kind: Literal["telegram_api"]
    channel: str | None = None
    # A TL-JSON dump ({posts, channels}), a list of flat message objects, or a folder of such
    # files, read instead of live collection.
    dump_path: Path | None = None
    session_env: str = "TELEGRAM_SESSION"
    api_id_env: str = "TELEGRAM_API_ID"
    api_hash_env: str = "TELEGRAM_API_HASH"
    airflow_conn_id: str | None = None
    limit: int = Field(default=500, ge=1)
    max_bytes: int = Field(default=512 * 1024 * 1024, gt=0)


class RssSourceConfig(SourceConfig, HttpSourceOptions):
    kind: Literal["rss"]
    urls: list[str] = Field(default_factory=list)
    # Feed files (.xml/.rss/.atom), or JSON-lines dumps of flattened feed items (.jsonl, .jsonl.gz).
    paths: list[Path] = Field(default_factory=list)
    max_bytes: int = Field(default=20 * 1024 * 1024, gt=0)
    # JSON-lines dumps are read as a stream: a longer line is quarantined (its head and hash kept),
    # and a file (decompressed) longer than the second cap is read only up to it
    max_line_bytes: int = Field(default=4 * 1024 * 1024, gt=0)
    max_decompressed_bytes: int = Field(default=1024 * 1024 * 1024, gt=0)
    min_interval_seconds: float = Field(default=0.5, ge=0)


class WebSourceConfig(SourceConfig, HttpSourceOptions):
    kind: Literal["web"]
    urls: list[str] = Field(default_factory=list)
    follow_links_from_documents: bool = False
    allowed_domains: list[str] = Field(default_factory=list)
    max_links_per_run: int = Field(default=200, ge=0)
    min_interval_seconds: float = Field(default=0.5, ge=0)


AnySource = Annotated[
    FilesSourceConfig
    | TelegramWebSourceConfig
    | TelegramExportSourceConfig
    | TelegramApiSourceConfig
    | RssSourceConfig
    | WebSourceConfig,
    Field(discriminator="kind"),
]
SOURCE_KINDS = ("files", "telegram_web", "telegram_export", "telegram_api", "rss", "web")
