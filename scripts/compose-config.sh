#!/usr/bin/env bash
# Validate a compose file with a real compose implementation, without a Docker engine:
#   scripts/compose-config.sh [compose file] [extra docker-compose args...]
# Uses `docker compose` (v2 plugin) when present, else docker-compose 1.29.2 from PyPI installed on
# first use into .tools/compose (its PyYAML 5.x needs cython<3 to build, and it cannot live in the
# project venv: the project needs PyYAML>=6). Prints the resolved configuration; exits non-zero
# when the file is invalid.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
FILE=${1:-$ROOT/docker-compose.yml}
shift || true
TOOL=$ROOT/.tools/compose

if [ -z "${OSINT_FORCE_COMPOSE_V1:-}" ] && docker compose version >/dev/null 2>&1; then
  exec docker compose -f "$FILE" "$@" config
fi

if [ ! -f "$TOOL/.installed" ]; then
  echo "installing docker-compose 1.29.2 into $TOOL (first use)" >&2
  rm -rf "$TOOL"
  python3 -m venv "$TOOL"
  CONSTRAINTS=$(mktemp)
  trap 'rm -f "$CONSTRAINTS"' EXIT
  echo "cython<3" > "$CONSTRAINTS"
  # PIP_CONSTRAINT reaches the isolated PyYAML build in pip < 25.3; PIP_BUILD_CONSTRAINT in newer pip.
  if ! PIP_CONSTRAINT=$CONSTRAINTS PIP_BUILD_CONSTRAINT=$CONSTRAINTS \
      "$TOOL/bin/pip" install --quiet --disable-pip-version-check "docker-compose==1.29.2" >&2; then
    rm -rf "$TOOL"
    echo "could not install docker-compose 1.29.2" >&2
    exit 3
  fi
  touch "$TOOL/.installed"
fi
cd "$(dirname "$FILE")"
exec "$TOOL/bin/docker-compose" -f "$FILE" "$@" config
