#!/usr/bin/env bash
# The browser tests' portal: README command 1 (`./scripts/start.sh`), with app-config.yaml's
# default, relative data paths and no JUANIE_DATA_DIR, in a scratch copy of this checkout, so
# that the tests never touch the developer's data/.
#
#   e2e-tests/scratch-portal.sh <scratch directory>   # replaces what is there
#
# The copy leaves out data/, .git and test-reports. node_modules and .toolchain are hard links
# to this checkout's files (fast, no space), except what the copy's `yarn install` writes to:
# Yarn runs the packages' build scripts again in a new place (their build state includes the
# location), so those packages are copied for real, as is Yarn's state file; caches are not
# copied at all. Nothing in the copy then writes into a file it shares with this checkout.
set -euo pipefail
source_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scratch="${1:?usage: e2e-tests/scratch-portal.sh <scratch directory>}"
case "$scratch" in
  /*) ;;
  *) scratch="$PWD/$scratch" ;;
esac
if [ "$scratch" = "$source_dir" ] || [[ "$source_dir/" == "$scratch/"* ]]; then
  echo "scratch-portal.sh: $scratch would be this checkout or hold it" >&2
  exit 1
fi

rm -rf "$scratch"
mkdir -p "$scratch"
shopt -s dotglob nullglob
for entry in "$source_dir"/*; do
  case "${entry##*/}" in
    .git | data | test-reports | node_modules | .toolchain) ;;
    *) cp -a "$entry" "$scratch/" ;;
  esac
done
[ -d "$source_dir/.toolchain" ] && cp -al "$source_dir/.toolchain" "$scratch/.toolchain"

cp -al "$source_dir/node_modules" "$scratch/node_modules"
rm -rf "$scratch/node_modules/.cache"
cp --remove-destination "$source_dir/node_modules/.yarn-state.yml" "$scratch/node_modules/.yarn-state.yml"
# The installed packages that have build scripts (or a binding.gyp), wherever they are nested.
find "$source_dir/node_modules" -name package.json -path '*/node_modules/*/package.json' \
  -not -path '*/package.json/*' -print0 |
  xargs -0 grep -lE '"(preinstall|install|postinstall)"[[:space:]]*:' |
  while read -r manifest; do
    package="${manifest%/package.json}"
    # Only a package's own manifest (not one in its test fixtures or sources).
    case "${package##*/node_modules/}" in
      @*/*/* | [!@]*/*) continue ;;
    esac
    relative="${package#"$source_dir"/}"
    rm -rf "${scratch:?}/$relative"
    cp -a "$package" "$scratch/$relative"
  done
find "$source_dir/node_modules" -name binding.gyp -path '*/node_modules/*' -print0 |
  while IFS= read -r -d '' gyp; do
    package="${gyp%/*}"
    case "${package##*/node_modules/}" in
      @*/*/* | [!@]*/*) continue ;;
    esac
    relative="${package#"$source_dir"/}"
    rm -rf "${scratch:?}/$relative"
    cp -a "$package" "$scratch/$relative"
  done

# As from a plain shell: none of the variables `yarn run` (e.g. `yarn playwright test`) sets, no
# JUANIE_DATA_DIR, and PATH without Yarn's temporary shims and this checkout's toolchain (the
# copy's scripts/toolchain.sh puts its own on PATH).
plain_path=$(printf '%s' "$PATH" | tr ':' '\n' | grep -v -e '/xfs-' -e '/\.toolchain/' | paste -sd: -)
keep=()
for name in HOME USER LOGNAME LANG LC_ALL TERM TMPDIR SHELL CI \
  http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY; do
  if [ -n "${!name+x}" ]; then keep+=("$name=${!name}"); fi
done

cd "$scratch"
echo "scratch-portal.sh: starting the portal in $scratch with ./scripts/start.sh" >&2
exec env -i "${keep[@]}" PATH="$plain_path" ./scripts/start.sh
