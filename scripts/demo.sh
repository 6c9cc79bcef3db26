#!/usr/bin/env bash
# Sets up and runs the demo on a fresh clone: the local S3 server's npm packages (pinned by tools/s3's lock file),
# then `snowferry demo`: a local Snowflake and a local S3 bucket, and a real transfer of each sample table.
# Extra arguments go to the demo (e.g. --full for MOVIE_RATINGS_27M at its 27,753,444 rows).
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if [ ! -d tools/s3/node_modules ]; then
  npm ci --prefix tools/s3 --no-audit --no-fund --prefer-offline --loglevel=error
fi

dotnet run --project src/Snowferry.Cli -c Release -- demo "$@"
