"""Pipeline configuration: a YAML file with a data directory and a list of sources."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ingestion.errors import ConfigError


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

    timeout_seconds: float = Field(default=20.0, gt=0)
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


class PipelineConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    data_dir: Path = Path("./data")
    lock_timeout_seconds: float = 600.0
    # Extraction processes; unset = OSINT_EXTRACT_WORKERS, else one per CPU core.
    extract_workers: int | None = Field(default=None, ge=1)
    sources: list[AnySource] = Field(default_factory=list)
    config_path: Path | None = None

    @field_validator("sources")
    @classmethod
    def _unique_names(cls, sources: list[SourceConfig]) -> list[SourceConfig]:
        seen: set[str] = set()
        for source in sources:
            if source.name in seen:
                raise ValueError(f"duplicate source name {source.name!r}")
            seen.add(source.name)
        return sources

    @property
    def enabled_sources(self) -> list[SourceConfig]:
        return [s for s in self.sources if s.enabled]

    def source(self, name: str) -> SourceConfig:
        for s in self.sources:
            if s.name == name:
                return s
        raise ConfigError(f"no source named {name!r} in {self.config_path or 'the config'}")


def _format_location(loc: tuple[Any, ...], raw_sources: list[Any]) -> str:
    parts: list[str] = []
    for i, item in enumerate(loc):
        if isinstance(item, int) and i > 0 and loc[i - 1] == "sources":
            name = raw_sources[item].get("name") if item < len(raw_sources) and isinstance(raw_sources[item], dict) else None
            parts.append(f"[{item}]" + (f" ({name})" if name else ""))
        elif item in SOURCE_KINDS:
            continue  # discriminator tag pydantic inserts into the path
        else:
            parts.append(("." if parts else "") + str(item))
    return "".join(parts)


def load_config(path: str | os.PathLike[str]) -> PipelineConfig:
    """Read and validate a YAML config; relative paths resolve against the config file's folder."""
    config_path = Path(path)
    if not config_path.is_file():
        raise ConfigError(f"config file {config_path} does not exist")
    try:
        raw = yaml.safe_load(config_path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"{config_path}: not valid YAML: {exc}") from exc
    if not isinstance(raw, dict):
        raise ConfigError(f"{config_path}: top level must be a mapping with data_dir and sources")
    raw_sources = raw.get("sources") or []
    if isinstance(raw_sources, list):
        for i, src in enumerate(raw_sources):
            if isinstance(src, dict) and src.get("kind") not in SOURCE_KINDS:
                raise ConfigError(
                    f"{config_path}: sources[{i}].kind = {src.get('kind')!r} is not a known source kind "
                    f"(known: {', '.join(SOURCE_KINDS)})"
                )
    try:
        config = PipelineConfig.model_validate({**raw, "config_path": config_path})
    except ValidationError as exc:
        problems = "; ".join(
            f"{_format_location(err['loc'], raw_sources if isinstance(raw_sources, list) else [])}: {err['msg']}"
            for err in exc.errors()
        )
        raise ConfigError(f"{config_path}: {problems}") from None
    return _resolve_paths(config, config_path.parent)


def _resolve_paths(config: PipelineConfig, base: Path) -> PipelineConfig:
    def resolve(p: Path) -> Path:
        p = Path(os.path.expandvars(str(p))).expanduser()
        return p if p.is_absolute() else (base / p).resolve()

    env_data_dir = os.environ.get("OSINT_DATA_DIR")
    config.data_dir = Path(env_data_dir).resolve() if env_data_dir else resolve(config.data_dir)
    for source in config.sources:
        for field in ("path", "dump_path"):
            value = getattr(source, field, None)
            if isinstance(value, Path):
                setattr(source, field, resolve(value))
        if isinstance(source, RssSourceConfig):
            source.paths = [resolve(p) for p in source.paths]
        if isinstance(source, TelegramWebSourceConfig):
            source.pages = [resolve(p) for p in source.pages]
    return config
