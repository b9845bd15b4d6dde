"""Pipeline configuration: a YAML file with a data directory, run options and a list of sources."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ingestion.errors import ConfigError
from ingestion.source_config import (
    SOURCE_KINDS,
    AnySource,
    RssSourceConfig,
    SourceConfig,
    TelegramWebSourceConfig,
)
from osint import settings


class WarehouseConfig(BaseModel):
    """Where publications go. `duckdb` (default): one published file, replaced on each publish. `ducklake`:
    each publish is also committed as one snapshot of a DuckLake (catalog in PostgreSQL, data as Parquet),
    which readers attach read-only, now or as of a past date (osint/lake.py)."""

    model_config = ConfigDict(extra="forbid")

    backend: Literal["duckdb", "ducklake"] = "duckdb"
    # DuckLake metadata catalog, as DuckLake spells it after `ducklake:`: "postgres:dbname=osint_lake
    # host=127.0.0.1" (libpq keywords; keep passwords in PGPASSWORD or ~/.pgpass, or as ${VAR} here).
    catalog: str | None = None
    # Parquet data: a folder (relative to the config file; default <data_dir>/lake) or an object-store URL.
    data_path: str | None = None
    # `osint maintain` expires DuckLake publications older than this many days (the newest always stays);
    # unset keeps every one, so --as-of reaches back to the first publication.
    keep_publications_days: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _catalog_for_lake(self) -> WarehouseConfig:
        if self.backend == "ducklake" and not (self.catalog or "").strip():
            raise ValueError('backend "ducklake" needs a catalog, e.g. catalog: "postgres:dbname=osint_lake host=127.0.0.1"')
        return self


class PipelineConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    data_dir: Path = Path("./data")
    lock_timeout_seconds: float = 600.0
    # Extraction processes; unset = OSINT_EXTRACT_WORKERS, else one per CPU core.
    extract_workers: int | None = Field(default=None, ge=1)
    # Where extraction runs: a pool of local processes, or the Celery workers listening on
    # OSINT_CELERY_BROKER_URL (extraction/distributed.py), which must see <data_dir>/extract_shards.
    extract_executor: Literal["processes", "celery"] = "processes"
    sources: list[AnySource] = Field(default_factory=list)
    warehouse: WarehouseConfig = Field(default_factory=WarehouseConfig)
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

    def require_sources(self) -> list[SourceConfig]:
        """The enabled sources; none is a ConfigError (a run would only end in an empty, blocked publish)."""
        enabled = self.enabled_sources
        if not enabled:
            where = self.config_path or "the config"
            if self.sources:
                raise ConfigError(f"{where}: no enabled sources (all {len(self.sources)} have enabled: false) — enable one")
            raise ConfigError(f"{where}: no sources configured (`sources:` is empty) — add one, see config/sample.yml")
        return enabled

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
        text = config_path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise ConfigError(f"config file {config_path} cannot be read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"{config_path}: not UTF-8 text (byte 0x{exc.object[exc.start]:02x} at offset {exc.start}) — "
            "save it as UTF-8 (e.g. `iconv -f latin1 -t utf-8`)"
        ) from None
    try:
        raw = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"{config_path}: not valid YAML: {' '.join(str(exc).split())}") from None
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

    config.data_dir = settings.data_dir_override() or resolve(config.data_dir)
    lake = config.warehouse
    if lake.catalog:
        lake.catalog = os.path.expandvars(lake.catalog.strip())
    if lake.data_path and "://" not in lake.data_path:
        lake.data_path = str(resolve(Path(lake.data_path)))
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
