# The open movie warehouse: API image (target `app`, the default) and Superset image
# (target `superset`). Build: `docker compose build`; see docker-compose.yml and README
# "Docker". The warehouse is built when a container starts, from raw files mounted at
# /data/raw (see docker/entrypoint.sh), into the volume at /var/lib/warehouse.

FROM python:3.11-slim-bookworm AS base
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DBT_SEND_ANONYMOUS_USAGE_STATS=false
RUN groupadd --system --gid 10001 warehouse \
    && useradd --system --uid 10001 --gid warehouse --home-dir /home/warehouse \
       --create-home --shell /usr/sbin/nologin warehouse \
    && install -d -o warehouse -g warehouse /var/lib/warehouse /data/raw

FROM base AS app
WORKDIR /app
# Dependencies first (a layer that only changes with the pins), then the code.
COPY pyproject.toml requirements.lock README.md ./
RUN mkdir warehouse api recommender \
    && touch warehouse/__init__.py api/__init__.py recommender/__init__.py \
    && pip install -c requirements.lock . \
    && pip uninstall --yes movie-warehouse \
    && rm -rf warehouse api recommender
COPY dbt_project.yml ./
COPY dbt_project ./dbt_project
COPY warehouse ./warehouse
COPY api ./api
COPY recommender ./recommender
COPY data/sample ./data/sample
COPY docker/entrypoint.sh /usr/local/bin/movie-warehouse
# The code stays root-owned and read-only for the service user; it writes only to the volume.
# API_WORKERS=auto: one API worker process per core the container may use (its CPU quota).
ENV PYTHONPATH=/app \
    WAREHOUSE_PATH=/var/lib/warehouse/warehouse.duckdb \
    RAW_DATA_DIR=/data/raw \
    HOST=0.0.0.0 \
    PORT=8000 \
    API_WORKERS=auto
USER warehouse
VOLUME ["/var/lib/warehouse"]
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=3s --start-period=300s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=2).status != 200)"]
ENTRYPOINT ["movie-warehouse"]
CMD ["serve"]

FROM base AS superset
WORKDIR /app
# Superset in its own virtualenv, pinned like `make bi` (bi/requirements.txt + .lock).
COPY bi/requirements.txt bi/requirements.lock ./bi/
RUN python -m venv /opt/superset \
    && /opt/superset/bin/pip install -c bi/requirements.lock -r bi/requirements.txt
COPY bi ./bi
# bi/ reads the live path from the project's one settings object (standard library only).
COPY warehouse/__init__.py warehouse/settings.py ./warehouse/
COPY docker/superset-entrypoint.sh /usr/local/bin/movie-warehouse-superset
RUN install -d -o warehouse -g warehouse /var/lib/superset
ENV PATH=/opt/superset/bin:$PATH \
    PYTHONPATH=/app \
    SUPERSET_HOME=/var/lib/superset \
    SUPERSET_CONFIG_PATH=/app/bi/superset_config.py \
    WAREHOUSE_PATH=/var/lib/warehouse/warehouse.duckdb \
    BI_BIND=0.0.0.0:8088
USER warehouse
VOLUME ["/var/lib/superset"]
EXPOSE 8088
HEALTHCHECK --interval=30s --timeout=5s --start-period=600s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8088/health', timeout=4).status != 200)"]
ENTRYPOINT ["movie-warehouse-superset"]
