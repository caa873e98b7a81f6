#!/usr/bin/env bash
# Runs every check: type check, lint, every plugin packs, unit and integration tests (on SQLite and
# PostgreSQL) and the browser tests. Ends with one
# line `N passed, N failed, N skipped` over Jest and Playwright, and exits
# non-zero when a test or a step failed. .ci/run calls this script.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
REPORTS="$ROOT/test-reports"

source scripts/toolchain.sh
set -uo pipefail # toolchain.sh resets the shell options

FAILED_STEPS=()
REPORT_FILES=() # JSON reports of the test steps that ran

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
die() {
  echo "test.sh: $*" >&2
  echo "0 passed, 1 failed"
  exit 1
}
# Runs a step; a failure is recorded and the remaining steps still run.
step() {
  local name="$1"
  shift
  say "$name"
  local started=$SECONDS
  if "$@"; then
    echo "-- $name: ok ($((SECONDS - started)) s)"
  else
    echo "-- $name: FAILED ($((SECONDS - started)) s)"
    FAILED_STEPS+=("$name")
  fi
}
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}
apt_install() {
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

rm -rf "$REPORTS"
mkdir -p "$REPORTS"

# --- machine prerequisites ----------------------------------------------------
# better-sqlite3 builds from source here (its prebuilt download is unreachable).
if ! command -v make >/dev/null || ! command -v g++ >/dev/null || ! command -v python3 >/dev/null; then
  say "Installing build tools for native addons"
  apt_install build-essential python3 || die "could not install build tools"
fi

say "yarn install"
started=$SECONDS
yarn install --immutable || die "yarn install --immutable failed (is yarn.lock up to date?)"
echo "-- install: ok ($((SECONDS - started)) s)"

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  say "Installing Chromium (Debian package)"
  apt_install chromium || die "could not install chromium"
fi

# PostgreSQL for the database tests: the server on 127.0.0.1:5432 (trust auth).
pg_answers() {
  psql "postgresql://postgres@127.0.0.1:5432/postgres" -tAc 'select 1' >/dev/null 2>&1
}
if ! command -v psql >/dev/null; then
  say "Installing PostgreSQL (Debian package)"
  apt_install postgresql || die "could not install postgresql"
fi
if ! pg_answers; then
  say "Starting PostgreSQL"
  as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start || true
  for _ in $(seq 1 30); do pg_answers && break; sleep 1; done
fi
PG_URL="postgresql://postgres@127.0.0.1:5432"
if ! pg_answers; then
  # A fresh Debian install asks for a password on TCP; give postgres one.
  as_root runuser -u postgres -- psql -qc "ALTER USER postgres PASSWORD 'postgres'" >/dev/null 2>&1 || true
  PG_URL="postgresql://postgres:postgres@127.0.0.1:5432"
  psql "$PG_URL/postgres" -tAc 'select 1' >/dev/null 2>&1 || die "PostgreSQL does not answer on 127.0.0.1:5432"
fi
PG_MAJOR=$(($(psql "$PG_URL/postgres" -tAc 'show server_version_num') / 10000))
echo "PostgreSQL $PG_MAJOR answers on 127.0.0.1:5432"

# --- checks -------------------------------------------------------------------
step "tsc" yarn tsc
step "lint" yarn lint:all
# Every plugin builds and packs as it would be published (after tsc: the
# packages' type declarations come from dist-types/).
PACK_DIR="$(mktemp -d -t juanie-packs.XXXXXX)"
step "packages pack (build, yarn pack, contents)" bash scripts/pack-plugins.sh "$PACK_DIR"
rm -rf "$PACK_DIR"

# Database tests run on SQLite and on the local PostgreSQL in the same pass.
# Backstage's TestDatabases never starts Docker here: it uses the server that
# BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING names. Juanie's
# tests use the id POSTGRES_15 (Debian 12's server) and, in CI, fail when its
# variable is missing rather than skip PostgreSQL.
export CI=true BACKSTAGE_TEST_DISABLE_DOCKER=1
export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="$PG_URL"
export "BACKSTAGE_TEST_DATABASE_POSTGRES${PG_MAJOR}_CONNECTION_STRING=$PG_URL"
export JUANIE_TEST_DATABASES="SQLITE_3,POSTGRES_15"
if [ "$PG_MAJOR" != 15 ]; then
  echo "note: the server is PostgreSQL $PG_MAJOR; tests still call it POSTGRES_15"
fi

REPORT_FILES+=("$REPORTS/jest.json")
step "unit and integration tests (Jest; SQLite and PostgreSQL)" \
  yarn backstage-cli repo test --json --outputFile="$REPORTS/jest.json"

REPORT_FILES+=("$REPORTS/playwright.json")
step "browser tests (Playwright, Chromium)" \
  env JUANIE_PLAYWRIGHT_JSON="$REPORTS/playwright.json" CHROMIUM_PATH="$CHROMIUM" \
  yarn playwright test
if [[ " ${FAILED_STEPS[*]} " == *" browser tests"* ]] && [ -f "$REPORTS/portal.log" ]; then
  echo "-- last lines of the portal's log ($REPORTS/portal.log):"
  tail -n 40 "$REPORTS/portal.log"
fi

# --- summary ------------------------------------------------------------------
say "Summary"
if [ "${#FAILED_STEPS[@]}" -gt 0 ]; then
  (IFS=';' && echo "Failed steps: ${FAILED_STEPS[*]}")
fi
node scripts/test-summary.js "${REPORT_FILES[@]}"
summary_status=$?

if [ "${#FAILED_STEPS[@]}" -gt 0 ] || [ "$summary_status" -ne 0 ]; then
  exit 1
fi
