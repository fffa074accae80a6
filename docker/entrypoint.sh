#!/usr/bin/env bash
# Container entry point (also run as-is by tests/deployment, without Docker).
#
#   serve   build the warehouse first if the volume holds none, then serve the API and follow
#           later rebuilds (the default command of the `api` service) with API_WORKERS worker
#           processes (the image sets `auto`: one per core the container may use)
#   build   one-shot: build a new warehouse into the volume and swap it in atomically; a
#           running api moves to it within a second (the `rebuild` service). Container logs
#           are no terminal: a build prints a line per stage, then its summary. Every build
#           writes its own dbt docs and EDA report beside its file (/warehouse-docs, /report)
#   watch   rebuild whenever a raw file or the feedback store changed since the live build
#           (the `trainer` service; options of `python -m warehouse watch`)
#   docs    write the dbt docs of the live build again (beside its file, in the volume)
#   report  write the EDA report of the live build again (beside its file, in the volume)
#   *       anything else is run as a command
#
# The warehouse is built at container start from the raw files mounted at RAW_DATA_DIR, not at
# image build time: the image stays free of the data (and of its licences), and one image
# serves any raw directory. Without a mount, RAW_DATA_DIR falls back to the bundled sample.
set -euo pipefail

: "${WAREHOUSE_PATH:=/var/lib/warehouse/warehouse.duckdb}"
: "${HOST:=0.0.0.0}"
: "${PORT:=8000}"
: "${ACCESS_LOG:=1}"  # a JSON line per request on stderr (the container's log); 0 to silence
export WAREHOUSE_PATH DBT_SEND_ANONYMOUS_USAGE_STATS=false
PYTHON="${PYTHON:-python}"

command="${1:-serve}"
[ "$#" -gt 0 ] && shift

if [ -n "${RAW_DATA_DIR:-}" ] && [ ! -d "$RAW_DATA_DIR/movies" ]; then
    echo "RAW_DATA_DIR=$RAW_DATA_DIR holds no raw files; using the bundled sample" >&2
    unset RAW_DATA_DIR
fi

case "$command" in
    serve)
        if [ ! -e "$WAREHOUSE_PATH" ]; then
            echo "no warehouse at $WAREHOUSE_PATH yet: building it first" >&2
            "$PYTHON" -m warehouse build
        fi
        access_log=()
        [ "$ACCESS_LOG" = "1" ] && access_log=(--access-log)
        exec "$PYTHON" -m warehouse serve --host "$HOST" --port "$PORT" "${access_log[@]}" "$@"
        ;;
    build)
        exec "$PYTHON" -m warehouse build "$@"
        ;;
    watch | docs | report)
        exec "$PYTHON" -m warehouse "$command" "$@"
        ;;
    *)
        exec "$command" "$@"
        ;;
esac
