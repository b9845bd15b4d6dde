# syntax=docker/dockerfile:1
# The OSINT warehouse image: Airflow 3.3 + the pipeline library + dbt project + DAGs, from uv.lock.
# One image for every Airflow service in docker-compose.yml (api-server, scheduler, dag-processor,
# triggerer, celery workers) and for the `osint` CLI.
FROM python:3.11-slim

ARG UV_VERSION=0.13.8
ARG AIRFLOW_UID=50000

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/opt/venv \
    PATH=/opt/venv/bin:$PATH

RUN apt-get update \
 && apt-get install -y --no-install-recommends curl tini libpq5 \
 && rm -rf /var/lib/apt/lists/* \
 && pip install --no-cache-dir "uv==${UV_VERSION}"

WORKDIR /opt/osint

# Dependencies first (cached while only code changes), exactly as locked.
COPY pyproject.toml uv.lock README.md ./
RUN uv sync --frozen --no-dev --no-install-project

# Deployment-only packages the lock does not carry yet, pinned against it so nothing locked moves:
# asyncpg (Airflow 3's async PostgreSQL driver) and the Celery provider + Redis client for the
# `celery` profile. Move them into pyproject.toml (an extra) to lock them too.
RUN uv export --frozen --no-dev --no-hashes --no-emit-project -o /tmp/locked.txt \
 && uv pip install --python /opt/venv/bin/python -c /tmp/locked.txt \
      "asyncpg>=0.30" "apache-airflow-providers-celery>=3.10" "redis>=5" \
 && rm /tmp/locked.txt

# The project itself (editable, so ingestion/ finds dbt/ and dags/ next to it); --inexact keeps the
# deployment-only packages above.
COPY ingestion ingestion
COPY expectations expectations
COPY dbt dbt
COPY dags dags
COPY config config
COPY sample_data sample_data
RUN uv sync --frozen --no-dev --inexact \
 && useradd --uid "${AIRFLOW_UID}" --gid 0 --home-dir /opt/airflow --create-home airflow \
 && mkdir -p /data /opt/airflow/logs /opt/airflow/auth \
 && chown -R "${AIRFLOW_UID}:0" /data /opt/airflow \
 && chmod -R g+rwX /data /opt/airflow

ENV AIRFLOW_HOME=/opt/airflow \
    AIRFLOW__CORE__DAGS_FOLDER=/opt/osint/dags \
    AIRFLOW__CORE__LOAD_EXAMPLES=False \
    AIRFLOW__COSMOS__ENABLE_TELEMETRY=False \
    DBT_SEND_ANONYMOUS_USAGE_STATS=False \
    OSINT_CONFIG=/opt/osint/config/sample.yml \
    OSINT_DATA_DIR=/data \
    OSINT_DBT_PROJECT_DIR=/opt/osint/dbt

USER ${AIRFLOW_UID}
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["airflow", "version"]
