#!/usr/bin/env bash
# Entry point of the `superset` image (Dockerfile target `superset`); `make test-bi` starts
# Superset through it too, so it runs in CI without Docker.
#
# Waits for the warehouse the `api` service builds in the shared volume, provisions Superset
# (python -m bi.provision: metadata db upgrade, admin user, init, the dashboards as code;
# idempotent), then serves it with gunicorn. Superset state lives in SUPERSET_HOME.
set -euo pipefail

: "${WAREHOUSE_PATH:=/var/lib/warehouse/warehouse.duckdb}"
: "${SUPERSET_BIN:=$(dirname "$(command -v python)")}"
: "${BI_BIND:=0.0.0.0:8088}"
: "${WAREHOUSE_WAIT_SECONDS:=900}"
export WAREHOUSE_PATH

waited=0
until [ -e "$WAREHOUSE_PATH" ]; do
    if [ "$waited" -ge "$WAREHOUSE_WAIT_SECONDS" ]; then
        echo "no warehouse at $WAREHOUSE_PATH after ${waited}s: is the api service building it?" >&2
        exit 1
    fi
    [ "$waited" -eq 0 ] && echo "waiting for the warehouse at $WAREHOUSE_PATH" >&2
    sleep 5
    waited=$((waited + 5))
done

"$SUPERSET_BIN/python" -m bi.provision "$@"
exec "$SUPERSET_BIN/gunicorn" -w 1 --threads 8 -k gthread --timeout 120 --no-control-socket \
    -b "$BI_BIND" \
    "superset.app:create_app()"
