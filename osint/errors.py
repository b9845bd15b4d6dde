"""Errors of the application stages (warehouse, build, gate, publish, query); see ingestion.errors for the base."""

from ingestion.errors import BatchGateError, ConfigError, OsintError, SourceError

__all__ = [
    "BatchGateError",
    "BuildError",
    "ConfigError",
    "GateFailedError",
    "NothingPublishedError",
    "OsintError",
    "SourceError",
    "WarehouseLockedError",
]


class WarehouseLockedError(OsintError):
    """Another process holds the working warehouse's writer lock past the timeout."""


class BuildError(OsintError):
    """dbt failed to build the marts."""


class GateFailedError(OsintError):
    """The mart gate blocked a publication."""


class NothingPublishedError(OsintError):
    """No published warehouse exists yet."""
