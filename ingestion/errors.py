"""Typed errors with messages a user can act on; the CLI prints them as one line."""


class OsintError(Exception):
    """Base class: the message is shown to the user as is."""


class ConfigError(OsintError):
    """The pipeline config or a deployment setting is invalid."""


class SourceError(OsintError):
    """A whole source failed (unreachable, unreadable); other sources continue.

    `permanent` says that running the same fetch again cannot succeed until someone changes the
    config or the source (a folder that does not exist, missing credentials, a feed answering 404):
    the Airflow task fails at once instead of being retried. Anything else (timeouts, connection
    errors, HTTP 5xx, a connector bug) is transient and retried with backoff.
    """

    def __init__(self, source: str, reason: str, *, permanent: bool = False):
        super().__init__(f"source {source!r}: {reason}")
        self.source = source
        self.reason = reason
        self.permanent = permanent


class SourceConfigError(SourceError):
    """A source's configuration is wrong (path, credentials, URL): a retry cannot fix it."""

    def __init__(self, source: str, reason: str):
        super().__init__(source, reason, permanent=True)



class BatchGateError(SourceError):
    """A landed batch is structurally broken (a required column missing, most rows failing).

    The batch is not loaded; its source's task fails with the expectation and example rows.
    """

    def __init__(self, source: str, expectation: str, detail: str, examples: list[str], report_path: str | None = None):
        shown = "; ".join(examples[:3])
        where = f" (report: {report_path})" if report_path else ""
        super().__init__(source, f"batch rejected by {expectation}: {detail}" + (f" — e.g. {shown}" if shown else "") + where)
        self.expectation = expectation
        self.detail = detail
        self.examples = examples
        self.report_path = report_path
