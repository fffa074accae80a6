#!/usr/bin/env bash
# Container smoke test: the images of the Dockerfile, built as they are and run the way
# docker-compose.yml runs them, with podman (no Docker engine, no Docker Hub on this machine).
#
#   1. base      python:3.11-slim-bookworm is not reachable: a stand-in from Debian bookworm
#                (mmdebstrap minbase + python3 3.11 + python3-venv + ca-certificates, a venv
#                first on PATH because Debian's pip refuses the system Python), imported once
#                and kept in podman's storage; rebuilt only when missing
#   2. images    `app` and `superset` from the Dockerfile unchanged (`podman build --from
#                <stand-in> --pull=never`), both at once; docker format keeps HEALTHCHECK;
#                pip trusts the host's CA bundle, bind-mounted read-only for RUN steps only
#   3. api       `serve` on an empty volume with data/sample mounted read-only at /data/raw
#                (README "Docker": RAW_DATA_DIR=data/sample); /health, /movies/862,
#                /actors/tom%20hanks, /report and /warehouse-docs (the build's own pages), the
#                image's own HEALTHCHECK (`podman healthcheck run`: without systemd podman
#                schedules none)
#   4. superset  started on the same volume read-only; it provisions during step 5
#   5. rebuild   the one-shot `build` on the same volume; the running api moves to the new
#                build (new warehouse_file, switches = 1) and serves its pages
#   6. superset  provisioned dashboards, every chart's stored query returns rows, SQL Lab
#                sandboxed (bi/check.py's checks, run inside the container), its HEALTHCHECK
#
# Plain `podman run` calls mirror docker-compose.yml's services (podman-compose 1.6 ignores
# `depends_on: service_healthy`). Ports are published on 127.0.0.1 only. Containers and
# volumes of the run are removed whatever happens; the images stay (layer cache).
#
#   bash .ci/container-smoke.sh        (root; installs podman, runc, mmdebstrap, curl if missing)
#
# SMOKE_API_PORT / SMOKE_BI_PORT choose the host ports (default: free ones).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
started=$SECONDS
step() { printf '\n== %s (%ss)\n' "$*" "$((SECONDS - started))"; }
fail() { printf 'container-smoke FAILED: %s\n' "$*" >&2; exit 1; }

BASE_IMAGE=localhost/movie-warehouse-base:python3.11-slim-bookworm
APP_IMAGE=localhost/movie-warehouse:latest
BI_IMAGE=localhost/movie-warehouse-superset:latest
RUN_ID="smoke-$$"
LABEL="movie-warehouse.smoke=$RUN_ID"
API="mw-$RUN_ID-api"
REBUILD="mw-$RUN_ID-rebuild"
BI="mw-$RUN_ID-superset"
WAREHOUSE_VOLUME="mw-$RUN_ID-warehouse"
BI_VOLUME="mw-$RUN_ID-superset-home"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/container-smoke.XXXXXX")
bi_build_pid=""
jobs_started=()  # background steps (bash runs a trap only once the foreground step ends)

# ---- what the script needs on a fresh machine ------------------------------------------------
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
missing=()
command -v podman >/dev/null || missing+=(podman)
command -v runc >/dev/null || missing+=(runc)
command -v mmdebstrap >/dev/null || missing+=(mmdebstrap)
command -v curl >/dev/null || missing+=(curl)
if [ "${#missing[@]}" -gt 0 ]; then
    step "installing ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# podman's defaults fail here: nofile/nproc ulimits above the host's hard limits ("setrlimit:
# operation not permitted"), crun on a hybrid cgroup v1/v2 host, journald and systemd absent.
nofile=$(ulimit -Hn)
[ "$nofile" = unlimited ] && nofile=1048576
nproc=$(ulimit -Hu)
{ [ "$nproc" = unlimited ] || [ "$nproc" -gt 32768 ]; } && nproc=32768
cat >"$WORK/containers.conf" <<EOF
[containers]
default_ulimits = ["nofile=$nofile:$nofile", "nproc=$nproc:$nproc"]

[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
runtime = "runc"
EOF
export CONTAINERS_CONF="$WORK/containers.conf" BUILDAH_FORMAT=docker
# Without systemd podman logs an error per container about healthcheck timers: noise.
podman() { command podman "$@" 2> >(grep -v 'systemd connection' >&2); }

cleanup() {
    status=$?
    trap - EXIT
    trap '' INT TERM  # a second interrupt must not cut the cleanup short
    for pid in ${bi_build_pid:+"$bi_build_pid"} "${jobs_started[@]}"; do  # steps still running
        pkill -TERM -P "$pid" 2>/dev/null || true
        kill "$pid" 2>/dev/null || true
    done
    if [ "$status" -ne 0 ]; then
        for name in "$API" "$BI"; do
            if command podman container exists "$name" 2>/dev/null; then
                printf '\n---- last lines of %s ----\n' "$name" >&2
                command podman logs --tail 40 "$name" >&2 2>&1 || true
            fi
        done
    fi
    ids=$(command podman ps -aq --filter "label=$LABEL" 2>/dev/null || true)
    # shellcheck disable=SC2086
    [ -z "$ids" ] || command podman rm -f -t 5 $ids >/dev/null 2>&1 || true
    command podman volume rm -f "$WAREHOUSE_VOLUME" "$BI_VOLUME" >/dev/null 2>&1 || true
    rm -rf "$WORK"
    printf '\ncontainer-smoke %s in %ss\n' "$([ "$status" -eq 0 ] && echo passed || echo FAILED)" \
        "$((SECONDS - started))"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
API_PORT=${SMOKE_API_PORT:-$(free_port)}
BI_PORT=${SMOKE_BI_PORT:-$(free_port)}
[ "$API_PORT" != "$BI_PORT" ] || BI_PORT=$(free_port)

# ---- 1. the base image stand-in --------------------------------------------------------------
if podman image exists "$BASE_IMAGE"; then
    step "base: $BASE_IMAGE cached"
else
    step "base: building $BASE_IMAGE with mmdebstrap (Debian bookworm, Python 3.11)"
    mmdebstrap --quiet --variant=minbase --include=python3,python3-venv,ca-certificates \
        --aptopt='Acquire::Languages "none"' \
        --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
        --dpkgopt='path-exclude=/usr/share/locale/*' \
        --customize-hook='chroot "$1" python3 -m venv /usr/local/python' \
        --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*' \
        bookworm "$WORK/base.tar"
    podman import --quiet \
        --change 'ENV PATH=/usr/local/python/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'ENV LANG=C.UTF-8' --change 'CMD ["python3"]' \
        "$WORK/base.tar" "$BASE_IMAGE" >/dev/null
    rm -f "$WORK/base.tar"
fi
podman run --rm --pull=never "$BASE_IMAGE" python -c \
    'import sys; assert sys.version_info[:2] == (3, 11), sys.version; print("base: Python", sys.version.split()[0])'

# ---- 2. both images, from the Dockerfile as it is --------------------------------------------
ca_bundle=${PIP_CERT:-${SSL_CERT_FILE:-/etc/ssl/certs/ca-certificates.crt}}
build_args=(--from "$BASE_IMAGE" --pull=never --layers)
[ -f "$ca_bundle" ] && build_args+=(-v "$ca_bundle:/etc/ssl/certs/ca-certificates.crt:ro")
build_image() {  # target tag log
    local previous
    previous=$(command podman image inspect --format '{{.Id}}' "$2" 2>/dev/null || true)
    command podman build "${build_args[@]}" --target "$1" -t "$2" -f Dockerfile . >"$3" 2>&1 \
        || { tail -30 "$3" >&2; return 1; }
    # The tag moved: drop the image it left behind (its layers stay cached as parents).
    current=$(command podman image inspect --format '{{.Id}}' "$2")
    if [ -n "$previous" ] && [ "$previous" != "$current" ]; then
        command podman rmi "$previous" >/dev/null 2>&1 || true
    fi
}
step "images: building app and superset (logs in $WORK)"
build_image superset "$BI_IMAGE" "$WORK/build-superset.log" &
bi_build_pid=$!
# In the background and waited for: an interrupt stops the script at once, not after the build.
run_step() { "$@" & jobs_started+=("$!"); wait "$!"; }
run_step build_image app "$APP_IMAGE" "$WORK/build-app.log" || fail "podman build --target app"
healthcheck=$(podman image inspect --format '{{json .Config.Healthcheck}}' "$APP_IMAGE")
case "$healthcheck" in *"/health"*) ;; *) fail "the app image has no HEALTHCHECK on /health: $healthcheck" ;; esac
step "images: app built ($(podman image inspect --format '{{.Size}}' "$APP_IMAGE" | numfmt --to=si --suffix=B))"

# ---- 3. the api, building the bundled sample into an empty volume ----------------------------
# docker-compose.yml's `api` service: x-warehouse-env, x-warehouse-volumes, 3 GB, loopback port.
warehouse_env=(-e WAREHOUSE_PATH=/var/lib/warehouse/warehouse.duckdb -e RAW_DATA_DIR=/data/raw
               -e DBT_SEND_ANONYMOUS_USAGE_STATS=false)
warehouse_volumes=(-v "$WAREHOUSE_VOLUME:/var/lib/warehouse" -v "$REPO/data/sample:/data/raw:ro")
podman volume create --label "$LABEL" "$WAREHOUSE_VOLUME" >/dev/null
podman volume create --label "$LABEL" "$BI_VOLUME" >/dev/null
step "api: starting on 127.0.0.1:$API_PORT (builds data/sample first)"
podman run -d --name "$API" --label "$LABEL" --pull=never --memory 3g \
    "${warehouse_env[@]}" -e HOST=0.0.0.0 -e PORT=8000 "${warehouse_volumes[@]}" \
    -p "127.0.0.1:$API_PORT:8000" "$APP_IMAGE" serve >/dev/null

get() { curl -fsS --max-time 10 "http://127.0.0.1:$API_PORT$1"; }
# The build's own dbt docs and EDA report, served for the build being served.
check_pages() {  # build file name
    local route stem=${1%.duckdb}
    for route in /report /warehouse-docs; do
        get "$route" >"$WORK/page.html" || fail "$route"
        grep -q "$stem" "$WORK/page.html" || fail "$route does not describe the live build $stem"
    done
    echo "  /report, /warehouse-docs: pages of $stem"
}
json() { python3 -c "import json, sys; d = json.load(sys.stdin); print($1)"; }
wait_healthy() {  # container url seconds
    local deadline=$((SECONDS + $3))
    until curl -fsS --max-time 3 "$2" >/dev/null 2>&1; do
        [ "$(command podman inspect --format '{{.State.Running}}' "$1")" = true ] \
            || fail "$1 exited before answering $2"
        [ "$SECONDS" -lt "$deadline" ] || fail "$1 did not answer $2 within $3 s"
        sleep 2
    done
    # The image's own HEALTHCHECK (podman schedules none without systemd: run it once).
    podman healthcheck run "$1" >/dev/null || fail "$1: HEALTHCHECK reports unhealthy"
    echo "  $1: $2 answers, HEALTHCHECK healthy"
}
wait_healthy "$API" "http://127.0.0.1:$API_PORT/health" 300
command podman logs "$API" >"$WORK/api.log" 2>&1
! grep -q 'holds no raw files' "$WORK/api.log" || fail "the api ignored the mounted data/sample"
first=$(get /health)
first_file=$(json 'd["warehouse_file"]' <<<"$first")
echo "  /health: $(json '"%s, movies %s, switches %s" % (d["status"], d["row_counts"]["movies"], d["switches"])' <<<"$first")"
echo "  serving $first_file"
[ "$(json 'd["status"]' <<<"$first")" = ok ] || fail "/health status is not ok: $first"
title=$(get /movies/862 | json 'd["title"]') || fail "/movies/862"
[ "$title" = "Toy Story" ] || fail "/movies/862 is '$title', not Toy Story"
echo "  /movies/862: $title"
films=$(get '/actors/tom%20hanks' | json 'd["actor"] + " " + str(d["films"])') || fail "/actors/tom%20hanks"
case "$films" in "Tom Hanks "[1-9]*) ;; *) fail "/actors/tom%20hanks: $films" ;; esac
echo "  /actors/tom%20hanks: $films films"
check_pages "$(basename "$first_file")"

# ---- 4. superset on the same volume, read-only (it provisions while the rebuild runs) -------
step "superset: waiting for its image"
wait "$bi_build_pid" || { bi_build_pid=""; fail "podman build --target superset"; }
bi_build_pid=""
step "superset: starting on 127.0.0.1:$BI_PORT (warehouse volume read-only)"
password=$(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')
podman run -d --name "$BI" --label "$LABEL" --pull=never \
    -e WAREHOUSE_PATH=/var/lib/warehouse/warehouse.duckdb -e SUPERSET_ADMIN_PASSWORD="$password" \
    -v "$WAREHOUSE_VOLUME:/var/lib/warehouse:ro" -v "$BI_VOLUME:/var/lib/superset" \
    -p "127.0.0.1:$BI_PORT:8088" "$BI_IMAGE" >/dev/null

# ---- 5. the one-shot rebuild; the api follows the swap ---------------------------------------
step "rebuild: one-shot build into the same volume"
run_step command podman run --rm --name "$REBUILD" --label "$LABEL" --pull=never --memory 3g \
    "${warehouse_env[@]}" "${warehouse_volumes[@]}" "$APP_IMAGE" build >"$WORK/rebuild.log" 2>&1 \
    || { tail -30 "$WORK/rebuild.log" >&2; fail "the rebuild one-shot failed"; }
grep '^Live:' "$WORK/rebuild.log" | sed 's/^/  /'
deadline=$((SECONDS + 10))
while :; do
    after=$(get /health)
    [ "$(json 'd["warehouse_file"]' <<<"$after")" != "$first_file" ] && break
    [ "$SECONDS" -lt "$deadline" ] || fail "the api still serves $first_file after the rebuild"
    sleep 0.5
done
[ "$(json 'd["switches"]' <<<"$after")" = 1 ] || fail "switches is not 1 after the rebuild: $after"
echo "  api moved to $(json 'd["warehouse_file"]' <<<"$after") (switches 1)"
get /movies/862 >/dev/null || fail "/movies/862 after the rebuild"
check_pages "$(basename "$(json 'd["warehouse_file"]' <<<"$after")")"

# ---- 6. superset answers every chart (from the build now live) -----------------------------
step "superset: waiting for it"
wait_healthy "$BI" "http://127.0.0.1:$BI_PORT/health" 600
# bi/check.py's checks 1-4 inside the container (its Python has Superset's client deps; the
# screenshot, check 5, needs Chromium, which the image does not carry).
podman exec -i "$BI" python - <<'EOF' || fail "superset checks"
import sys

from bi.chart_data import run_dashboard_charts
from bi.check import check_database, check_no_duplicates, definitions
from bi.client import SupersetClient
from bi.settings import admin_password, admin_username
from bi.sql_lab import run_sql_lab_checks

client = SupersetClient("http://127.0.0.1:8088", admin_username(), admin_password()[0])
problems = check_no_duplicates(client)
database_id, database_problems = check_database(client)
problems += database_problems
charts = run_dashboard_charts(client, definitions("dashboards")[0]["slug"])
for chart in charts:
    rows = "+".join(map(str, chart.rows)) or "-"
    print(f"  {chart.name:<58} rows {rows:>5}  {chart.problem or 'ok'}")
    if chart.problem:
        problems.append(f"chart {chart.name!r}: {chart.problem}")
if len(charts) != len(definitions("charts")) or not charts:
    problems.append(f"dashboard has {len(charts)} charts, bi/dashboards defines "
                    f"{len(definitions('charts'))}")
for result in run_sql_lab_checks(client, database_id):
    if not result.passed:
        problems.append(f"SQL Lab: {result.sql}: {result.message}")
print(f"  SQL Lab sandbox: {'ok' if not any('SQL Lab' in p for p in problems) else 'PROBLEM'}")
if problems:
    print("\n  ".join(["superset problems:", *problems]), file=sys.stderr)
    sys.exit(1)
print(f"  {len(charts)} charts with rows")
EOF

step "cleaning up"
