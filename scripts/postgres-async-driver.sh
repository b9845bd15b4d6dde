#!/usr/bin/env bash
# Print a folder that holds asyncpg, installing it there on first use.
#
# Airflow 3 opens its metadata DB both sync (psycopg2) and async; for PostgreSQL the async side
# needs asyncpg, which the locked environment does not include yet (pyproject.toml should add
# "asyncpg>=0.30" — then this script is no longer needed: it prints nothing when the venv has it).
# Used by tests/dags/test_real_scheduler.py, which puts the folder on the Airflow processes' PYTHONPATH.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
VERSION=${ASYNCPG_VERSION:-0.30.0}
DEST=.tools/asyncpg-$VERSION

if "$PY" -c "import asyncpg" 2>/dev/null; then
  exit 0
fi
if ! PYTHONPATH="$DEST" "$PY" -c "import asyncpg" 2>/dev/null; then
  rm -rf "$DEST.tmp"
  UV=$(command -v uv || echo .tools/bin/uv)
  if [ -x "$UV" ]; then
    "$UV" pip install --quiet --python "$PY" --target "$DEST.tmp" "asyncpg==$VERSION" >&2
  else
    python3 -m pip install --quiet --disable-pip-version-check --only-binary=:all: --target "$DEST.tmp" "asyncpg==$VERSION" >&2
  fi
  rm -rf "$DEST" && mv "$DEST.tmp" "$DEST"
fi
echo "$(pwd)/$DEST"
