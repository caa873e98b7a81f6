#!/usr/bin/env bash
# Starts the local portal: front end on http://localhost:3000, back end on
# http://localhost:7007, data in data/ (SQLite). Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

source scripts/toolchain.sh
set -euo pipefail # toolchain.sh resets the shell options

if [ -f yarn.lock ]; then
  yarn install --immutable
else
  yarn install
fi

# JUANIE_DATA_DIR (absolute) moves the data elsewhere; see app-config.yaml.
mkdir -p "${JUANIE_DATA_DIR:-$PWD/data}/sqlite"

exec yarn start
