"""The benchmark's result as typed records, and their JSON form.

The JSON shape is the one bench/results/*.json has always had: the same keys in the same order,
a key left out when nothing was measured for it (a stage that never ran, a peer of a failed run),
`null` where a value is known to be missing (a ratio to a rate we could not measure). Fields with
OMITTED_WHEN_NONE metadata are the left-out kind; every other field is always written.
"""

from __future__ import annotations

import types
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any, TypeVar, Union, get_args, get_origin, get_type_hints

JsonDict = dict[str, Any]

STAGES = ("land", "extract", "dbt", "gates", "publish")
# `osint maintain` (compaction of the working warehouse): a child stage of its own, never part of a pipeline pass
MAINTAIN = "maintain"
CHILD_STAGES = (*STAGES, MAINTAIN)
# run_all's sequence: the library always gates inside publish, so the separate `gates` stage is
# measured on its own but not added twice to the end-to-end figure.
END_TO_END = ("land", "extract", "dbt", "publish")

DEFINITIONS = {
    "wall_seconds": "the stage function's own wall time inside its process (imports excluded)",
    "process_seconds": "the stage's whole subprocess: interpreter start, imports, the stage",
    "documents_per_second": "documents of this run (corpus size, or the increment) ÷ wall_seconds",
    "peak_rss_mb": "the larger of the stage process's ru_maxrss (os.wait4) and the peak summed RSS of it and its worker processes (sampled every 0.2 s)",
    "process_peak_rss_mb": "ru_maxrss of the stage's own subprocess (os.wait4)",
    "end_to_end": "land + extract + dbt + publish (run_all's sequence; publish runs the gate itself)",
    "ratio_to_extract": "peer documents/s ÷ our extract documents/s (>1: peer faster)",
    "ratio_to_end_to_end": "peer documents/s ÷ our end-to-end documents/s (>1: peer faster)",
    "freshness_minutes": "freshness scenario: when an item's document is first seen in the published marts (polled) − when the feed server first served it",
    "published_facts": "Russian channel run: distinct published facts with evidence in, and actors mentioned in, documents whose language is 'ru'",
}

_OMIT = "omit_when_none"
# Metadata of a field left out of the JSON while it is None (nothing measured), not written as null.
OMITTED_WHEN_NONE = {_OMIT: True}


# --------------------------------------------------------------------------------------------
# What a child process reports about itself (written to its --stage-out file).
# --------------------------------------------------------------------------------------------


@dataclass(kw_only=True)
class StageReport:
    """One pipeline stage as timed inside its own process."""

    stage: str
    wall_seconds: float
    detail: JsonDict  # the library's own summary of the stage; its keys differ per stage
    profile_top_cumulative: list[str] | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    profile_file: str | None = field(default=None, metadata=OMITTED_WHEN_NONE)


@dataclass(kw_only=True)
class FloorReport:
    """The I/O floor peer: DuckDB bulk-reading the corpus JSON into a table."""

    wall_seconds: float
    documents: int
    duckdb_bytes: int


@dataclass(kw_only=True)
class SpacyPipeReport:
    """The hand-written peer: a plain `nlp.pipe` of the spaCy model over the corpus texts."""

    wall_seconds: float
    documents: int
    chars: int
    entities: int
    model_load_seconds: float
    model: str
    spacy_version: str


ChildReport = StageReport | FloorReport | SpacyPipeReport


# --------------------------------------------------------------------------------------------
# What the parent records.
# --------------------------------------------------------------------------------------------


@dataclass(kw_only=True)
class ProcessUsage:
    """What the parent measured of a child process from outside."""

    process_seconds: float
    # absent from results older than the field
    process_peak_rss_mb: float | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    peak_rss_mb: float
    cpu_seconds: float


@dataclass(kw_only=True)
class StageResult:
    stage: str
    wall_seconds: float
    detail: JsonDict
    profile_top_cumulative: list[str] | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    profile_file: str | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    process_seconds: float
    process_peak_rss_mb: float | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    peak_rss_mb: float
    cpu_seconds: float
    documents_per_second: float
    warehouse_duckdb_mb_after: float

    @classmethod
    def measured(
        cls, report: StageReport, usage: ProcessUsage, documents_per_second: float, warehouse_mb: float
    ) -> StageResult:
        return cls(
            stage=report.stage,
            wall_seconds=report.wall_seconds,
            detail=report.detail,
            profile_top_cumulative=report.profile_top_cumulative,
            profile_file=report.profile_file,
            process_seconds=usage.process_seconds,
            process_peak_rss_mb=usage.process_peak_rss_mb,
            peak_rss_mb=usage.peak_rss_mb,
            cpu_seconds=usage.cpu_seconds,
            documents_per_second=documents_per_second,
            warehouse_duckdb_mb_after=warehouse_mb,
        )


@dataclass(kw_only=True)
class EndToEnd:
    stages: list[str]
    wall_seconds: float
    process_seconds: float
    documents_per_second: float
    peak_rss_mb: float
    # RSS runs on a sample of the year: the whole year at the sample's rate
    projected_full_year_seconds: float | None = field(default=None, metadata=OMITTED_WHEN_NONE)


@dataclass(kw_only=True)
class DiskSizes:
    landing_parquet_mb: float
    warehouse_duckdb_mb: float
    published_duckdb_mb: float
    published_parquet_mb: float


@dataclass(kw_only=True)
class PeerResult:
    """A peer measured like a stage. The fields between `documents` and `process_seconds` are the
    peer's own (see FloorReport, SpacyPipeReport); the rest compare it with our pipeline."""

    wall_seconds: float
    documents: int
    duckdb_bytes: int | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    chars: int | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    entities: int | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    model_load_seconds: float | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    model: str | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    spacy_version: str | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    process_seconds: float
    process_peak_rss_mb: float | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    peak_rss_mb: float
    cpu_seconds: float
    documents_per_second: float
    # spaCy only: it runs on a budgeted sample, and its time for the whole corpus is projected
    sampled: bool | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    projected_seconds_for_corpus: float | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    # Peer throughput ÷ ours; null when our rate was not measured (a stage of ours failed).
    ratio_to_extract: float | None = None
    ratio_to_end_to_end: float | None = None

    @classmethod
    def of_floor(cls, report: FloorReport, usage: ProcessUsage, documents_per_second: float) -> PeerResult:
        return cls(
            wall_seconds=report.wall_seconds,
            documents=report.documents,
            duckdb_bytes=report.duckdb_bytes,
            process_seconds=usage.process_seconds,
            process_peak_rss_mb=usage.process_peak_rss_mb,
            peak_rss_mb=usage.peak_rss_mb,
            cpu_seconds=usage.cpu_seconds,
            documents_per_second=documents_per_second,
        )

    @classmethod
    def of_spacy_pipe(
        cls,
        report: SpacyPipeReport,
        usage: ProcessUsage,
        documents_per_second: float,
        sampled: bool,
        projected_seconds_for_corpus: float | None,
    ) -> PeerResult:
        return cls(
            wall_seconds=report.wall_seconds,
            documents=report.documents,
            chars=report.chars,
            entities=report.entities,
            model_load_seconds=report.model_load_seconds,
            model=report.model,
            spacy_version=report.spacy_version,
            process_seconds=usage.process_seconds,
            process_peak_rss_mb=usage.process_peak_rss_mb,
            peak_rss_mb=usage.peak_rss_mb,
            cpu_seconds=usage.cpu_seconds,
            documents_per_second=documents_per_second,
            sampled=sampled,
            projected_seconds_for_corpus=projected_seconds_for_corpus,
        )


@dataclass(kw_only=True)
class IncrementalResult:
    """New documents into a warehouse a full run built: the stages again, on the increment."""

    documents: int
    base_documents: int
    corpus_info: JsonDict  # bench.synthetic.write_corpus's description of the increment
    stages: dict[str, StageResult] | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    end_to_end: EndToEnd | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    sizes: DiskSizes | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    fraction_of_full_run: float | None = field(default=None, metadata=OMITTED_WHEN_NONE)


@dataclass(kw_only=True)
class GrowthPass:
    """One pass of the stages in the growth scenario: the base build, or one round's new items."""

    documents: int
    stages: dict[str, StageResult] | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    end_to_end: EndToEnd | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    sizes: DiskSizes | None = field(default=None, metadata=OMITTED_WHEN_NONE)


@dataclass(kw_only=True)
class GrowthResult:
    """The working warehouse after `rounds` incremental builds (and `osint maintain`) against one full
    build of the same items (bench/growth.py). The full build is the scenario's own stages and sizes."""

    base_documents: int
    rounds: int
    round_documents: int
    full_build_warehouse_mb: float | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    base: GrowthPass | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    passes: list[GrowthPass] = field(default_factory=list)  # one per round, in order
    warehouse_mb_after_rounds: list[float] = field(default_factory=list)
    maintain: StageResult | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    warehouse_mb_after_maintain: float | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    # warehouse size after the last round (without / with maintain) ÷ the full build's
    ratio_without_maintain: float | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    ratio_with_maintain: float | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    # rows of each marts.* table of the working warehouse (what publish copies), both ways
    mart_rows_full_build: dict[str, int] | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    mart_rows_incremental: dict[str, int] | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    mart_tables_differing: list[str] | None = field(default=None, metadata=OMITTED_WHEN_NONE)


@dataclass(kw_only=True)
class FreshnessItem:
    """One feed item of the freshness scenario: when the feed began serving it, and when its document
    (and its first facts, if any) were first seen in the published marts. Times are UTC ISO strings."""

    index: int
    guid: str
    title: str
    appeared_at: str
    document_visible_at: str | None = None
    freshness_minutes: float | None = None
    # fct_evidence rows of the document in the publication where it was first seen (0: no facts)
    facts: int | None = None
    facts_visible_at: str | None = None
    facts_freshness_minutes: float | None = None
    # the first osint_ingest run that started after the item appeared, and the item's wait for it
    ingest_run_id: str | None = None
    wait_for_ingest_minutes: float | None = None
    # that ingest run's start → the document first seen in the published marts
    ingest_start_to_visible_minutes: float | None = None
    published_build_id: str | None = None  # the manifest's build when the document was first seen


@dataclass(kw_only=True)
class FreshnessRun:
    """One DAG run of the freshness scenario's deployment, from the Airflow metadata database."""

    dag_id: str
    run_id: str
    run_type: str
    state: str
    queued_at: str | None = None
    start_date: str | None = None
    end_date: str | None = None


@dataclass(kw_only=True)
class FreshnessResult:
    """Feed item → published marts on a real scheduler deployment (bench/freshness.py)."""

    ingest_schedule: str
    tick_period_minutes: int | None
    appearance_minutes: float
    drain_minutes: float
    poll_seconds: float
    seed_items: int  # served before the scheduler started (the first build), not measured
    items: list[FreshnessItem] = field(default_factory=list)
    runs: list[FreshnessRun] = field(default_factory=list)
    failed_tasks: list[str] = field(default_factory=list)
    measured_items: int | None = None
    published_items: int | None = None
    p50_minutes: float | None = None
    p95_minutes: float | None = None
    max_minutes: float | None = None
    items_with_facts: int | None = None
    facts_p50_minutes: float | None = None
    facts_p95_minutes: float | None = None
    wait_for_ingest_p50_minutes: float | None = None
    ingest_start_to_visible_p50_minutes: float | None = None
    ingest_start_to_visible_p95_minutes: float | None = None
    notes: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class ExtractionWay:
    """One way of extracting the corpus: its wall time, rate, CPU and peak memory (workers included)."""

    executor: str  # "one process", "process pool", "celery"
    processes: int
    wall_seconds: float
    documents_per_second: float
    peak_rss_mb: float
    cpu_seconds: float | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    speedup_over_one_process: float | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    same_annotations_as_one_process: bool | None = field(default=None, metadata=OMITTED_WHEN_NONE)


@dataclass(kw_only=True)
class CeleryExtractionResult:
    documents: int
    annotation_rows: int
    ways: list[ExtractionWay]


@dataclass(kw_only=True)
class YearSample:
    items: int
    year_items: int


@dataclass(kw_only=True)
class BaseResultRef:
    """The kept run an --incremental-into result copied its base figures from."""

    path: str
    git_revision: str | None
    started_at: str | None


@dataclass(kw_only=True)
class ScenarioResult:
    """One corpus through the pipeline (a synthetic size, the RSS year, or an increment into a kept
    run). Filled as the scenario goes, so a failure keeps what was measured before it."""

    corpus: str
    sample_of_year: YearSample | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    # "synthetic", "rss", "telegram", or "rss-growth" (the first items of the RSS year, bench/growth.py)
    kind: str | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    documents: int | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    # synthetic: bench.synthetic.write_corpus's description of the corpus
    corpus_info: JsonDict | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    # RSS: the JSON-lines file landed; telegram: the dump folder
    source: str | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    landed_via: str | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    setup_seconds: float | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    stages: dict[str, StageResult] | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    end_to_end: EndToEnd | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    sizes: DiskSizes | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    # telegram (Russian channels): bench.ru_corpus.published_facts of the publication
    published_facts: JsonDict | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    peers: dict[str, PeerResult] | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    base_result: BaseResultRef | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    incremental: IncrementalResult | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    # the celery-extraction scenario: the same documents extracted three ways (bench/celery_scale.py)
    celery_extraction: CeleryExtractionResult | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    # the growth scenario: incremental rounds and `osint maintain` against this run's full build
    growth: GrowthResult | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    # the freshness scenario: feed items to the published marts on a real scheduler (bench/freshness.py)
    freshness: FreshnessResult | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    error: str | None = field(default=None, metadata=OMITTED_WHEN_NONE)


@dataclass(kw_only=True)
class DbtProjectOverride:
    path: str
    diff_vs_repo: str


@dataclass(kw_only=True)
class HostInfo:
    cpus: int | None
    python: str
    platform: str
    duckdb: str
    mem_total_mb: int | None = field(default=None, metadata=OMITTED_WHEN_NONE)  # from /proc/meminfo


@dataclass(kw_only=True)
class BenchOptions:
    """The options a run resolved to (defaults filled in), as recorded in its result."""

    sizes: list[int]
    rss: bool
    # the Russian channel posts; absent from results older than the option
    ru: bool | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    incremental: int
    peer_docs: int
    peer_chars: int
    seed: int
    rss_limit: int
    profile: list[str]
    # documents of the celery-extraction scenario (0: skipped); absent from results older than it
    celery_docs: int | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    celery_workers: int | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    # the growth scenario (0 rounds: skipped, not written); absent from results older than it
    growth_rounds: int | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    growth_base: int | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    growth_docs: int | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    # the freshness scenario (absent: skipped): minutes items appear for, the ingest schedule, the drain
    freshness_minutes: float | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    freshness_schedule: str | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    freshness_drain_minutes: float | None = field(default=None, metadata=OMITTED_WHEN_NONE)


@dataclass(kw_only=True)
class TargetResult:
    target: float
    measured: float
    # the incremental and growth targets: what was measured, and whether it is the case the goal is set for
    documents: int | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    base_documents: int | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    met: bool
    comparable: bool | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    # the freshness target: the ingest schedule it was measured at
    schedule: str | None = field(default=None, metadata=OMITTED_WHEN_NONE)


@dataclass(kw_only=True)
class BenchResult:
    benchmark: str
    mode: str
    started_at: str
    git_revision: str
    uncommitted_library_changes: list[str]
    dbt_project_override: DbtProjectOverride | None = None
    host: HostInfo
    load_average_start: tuple[float, ...]
    options: BenchOptions
    definitions: dict[str, str]
    runs: list[ScenarioResult]
    # Set when the run ends, failed or not (the result is written from a `finally`).
    finished_at: str | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    total_seconds: float | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    load_average_end: tuple[float, ...] | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    targets: dict[str, TargetResult] | None = field(default=None, metadata=OMITTED_WHEN_NONE)

    @property
    def failed(self) -> bool:
        return any(run.error for run in self.runs)


# --------------------------------------------------------------------------------------------
# JSON form.
# --------------------------------------------------------------------------------------------


def to_json(value: Any) -> Any:
    """A record (or anything holding records) as plain JSON values, fields in declaration order."""
    if is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: to_json(getattr(value, f.name))
            for f in fields(value)
            if not (f.metadata.get(_OMIT) and getattr(value, f.name) is None)
        }
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    return value


T = TypeVar("T")


def from_json(cls: type[T], data: JsonDict) -> T:
    """A record from its JSON form. A key the record does not know is ignored; a required key that
    is missing raises TypeError (the file is not a benchmark result)."""
    hints = get_type_hints(cls)
    known = {f.name for f in fields(cls)}  # type: ignore[arg-type]
    return cls(**{name: _decode(hints[name], value) for name, value in data.items() if name in known})


def _decode(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        (hint,) = [arg for arg in get_args(hint) if arg is not type(None)]
        return _decode(hint, value)
    if is_dataclass(hint):
        return from_json(hint, value)  # type: ignore[arg-type]
    if origin is dict:
        _, item = get_args(hint)
        return {k: _decode(item, v) for k, v in value.items()}
    if origin is list:
        (item,) = get_args(hint)
        return [_decode(item, v) for v in value]
    if origin is tuple:
        return tuple(value)
    return value
