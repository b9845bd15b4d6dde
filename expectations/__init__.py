"""Data-quality gates: Great Expectations suites as reviewed Python code, run on frames read from DuckDB."""
