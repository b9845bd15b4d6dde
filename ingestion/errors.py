"""Typed errors with messages a user can act on; the CLI prints them as one line."""


class OsintError(Exception):
    """Base class: the message is shown to the user as is."""


class ConfigError(OsintError):
    pass


class WarehouseLockedError(OsintError):
    pass


class SourceError(OsintError):
    """A whole source failed (unreachable, unreadable); other sources continue."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"source {source!r}: {reason}")
        self.source = source
        self.reason = reason


class BuildError(OsintError):
    pass


class GateFailedError(OsintError):
    pass


class NothingPublishedError(OsintError):
    pass
