#!/usr/bin/env bash
# Packs every plugin under plugins/ as it would be published, into OUT_DIR
# (default: a new temporary directory), and checks what each tarball holds.
# Exits non-zero when a package is out of sync with `backstage-cli repo fix
# --publish`, does not build, does not pack, or packs without what it needs.
#
#   scripts/pack-plugins.sh [OUT_DIR]
#
# Builds only what `yarn pack` ships (the plugins' dist/, not the app bundle);
# the type declarations come from dist-types/, so `yarn tsc` runs first when
# it has not run yet. Expects Node 22 and yarn on PATH (scripts/toolchain.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

OUT_DIR="${1:-$(mktemp -d -t juanie-packs.XXXXXX)}"
mkdir -p "$OUT_DIR"
OUT_DIR="$(cd "$OUT_DIR" && pwd)"
rm -f "$OUT_DIR"/*.tgz

# backstage.pluginPackages, pluginPackage and repository must be what the CLI
# would write; prepack refuses a plugin without them.
yarn backstage-cli repo fix --publish --check

if [ ! -d dist-types/plugins ]; then
  yarn tsc
fi
# Without --all: every non-bundled package, i.e. the plugins, not app or backend.
yarn backstage-cli repo build

for dir in plugins/*/; do
  [ -f "$dir/package.json" ] || continue
  echo "pack: $dir"
  # %s-%v: yarn's own name for the archive (scope@ -> scope-).
  if ! output=$(cd "$dir" && yarn pack --out "$OUT_DIR/%s-%v.tgz" 2>&1); then
    echo "$output" >&2
    echo "pack: $dir does not pack" >&2
    exit 1
  fi
done

node scripts/check-packages.js "$OUT_DIR" plugins/*/
echo "pack: tarballs in $OUT_DIR"
