#!/usr/bin/env bash
# Sets up and runs every test on a fresh clone: restore, build, test, then one plain summary line
# ("N passed, N failed[, N skipped]") totalled from the TRX files. Exits non-zero on any failure or when no test ran.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

results=artifacts/test-results
rm -rf "$results"
mkdir -p "$results"

# The local S3 server (fauxqs and the Node 22 it runs on) comes from the npm registry, pinned by tools/s3's lock file.
if [ ! -d tools/s3/node_modules ]; then
  npm ci --prefix tools/s3 --no-audit --no-fund --prefer-offline --loglevel=error
fi

# The browser tests' Chromium, from the Debian packages when it is missing.
./scripts/install-chromium.sh

dotnet restore Snowferry.slnx
dotnet build Snowferry.slnx --no-restore
status=0
dotnet test Snowferry.slnx --no-build \
  --logger "trx" --results-directory "$results" \
  --blame-hang-timeout 5m || status=$?

# TRX <Counters total=".." executed=".." passed=".." failed=".." ... notExecuted=".."/>: one file per test assembly.
passed=0 failed=0 skipped=0 files=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  attr() { printf '%s' "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  p=$(attr passed); f=$(attr failed); e=$(attr error); t=$(attr timeout); a=$(attr aborted); n=$(attr notExecuted)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0}))
  skipped=$((skipped + ${n:-0}))
done

if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi

if [ "$files" -eq 0 ] || [ $((passed + failed)) -eq 0 ]; then
  echo "error: no test ran (no TRX results in $results)" >&2
  exit 1
fi
if [ "$failed" -gt 0 ] && [ "$status" -eq 0 ]; then status=1; fi
exit "$status"
