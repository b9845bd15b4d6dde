"""Great Expectations set up once per process for in-process validation of pandas frames.

See STACK.md: validate frames read from DuckDB, never the duckdb:/// SQL datasource. Importing GX
costs ~3.5 s, so nothing here imports it at module import time; the context and the per-table
batch definitions are created on first use and reused by every later validation in the process.
"""

from __future__ import annotations

import logging
import os
import threading
from typing import Any

os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
os.environ.setdefault("TQDM_DISABLE", "1")

_lock = threading.RLock()
_context: Any = None
_batch_definitions: dict[tuple[str, str], Any] = {}


def _quiet_gx_loggers() -> None:
    for name in ("great_expectations", "great_expectations._docs_decorators"):
        logging.getLogger(name).setLevel(logging.WARNING)
    for name in list(logging.root.manager.loggerDict):
        if name.startswith("great_expectations"):
            logging.getLogger(name).setLevel(logging.WARNING)


def gx_context() -> Any:
    """The process-wide ephemeral GX context (no files, no network, no progress bars)."""
    global _context
    with _lock:
        if _context is None:
            _quiet_gx_loggers()
            import great_expectations as gx
            from great_expectations.data_context.types.base import ProgressBarsConfig

            _quiet_gx_loggers()
            ctx = gx.get_context(mode="ephemeral")
            ctx.variables.progress_bars = ProgressBarsConfig(globally=False)
            _context = ctx
        return _context


def gx_expectations() -> Any:
    """The `great_expectations.expectations` module (imports GX on first use)."""
    gx_context()
    import great_expectations as gx

    return gx.expectations


def new_suite(name: str, expectations: list[Any]) -> Any:
    """An in-memory expectation suite; it is validated directly and never stored in the context."""
    gx_context()
    import great_expectations as gx

    suite = gx.ExpectationSuite(name=name)
    for expectation in expectations:
        suite.add_expectation(expectation)
    return suite


def _batch_definition(datasource: str, asset: str) -> Any:
    key = (datasource, asset)
    with _lock:
        definition = _batch_definitions.get(key)
        if definition is None:
            ctx = gx_context()
            try:
                source = ctx.data_sources.get(datasource)
            except LookupError:
                source = ctx.data_sources.add_pandas(datasource)
            try:
                data_asset = source.get_asset(asset)
            except LookupError:
                data_asset = source.add_dataframe_asset(asset)
            definition = data_asset.add_batch_definition_whole_dataframe(f"{asset}.whole")
            _batch_definitions[key] = definition
        return definition


def validate_frame(
    datasource: str,
    asset: str,
    frame: Any,
    suite: Any,
    parameters: dict[str, Any] | None = None,
    result_format: dict[str, Any] | None = None,
) -> Any:
    """Validate one pandas frame against a suite; returns GX's ExpectationSuiteValidationResult."""
    batch = _batch_definition(datasource, asset).get_batch(batch_parameters={"dataframe": frame})
    return batch.validate(
        suite,
        expectation_parameters=parameters or {},
        result_format=result_format or {"result_format": "SUMMARY", "partial_unexpected_count": 10},
    )
