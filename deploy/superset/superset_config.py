"""Superset settings for the OSINT warehouse `bi` profile (mounted at /app/pythonpath)."""

import os

SECRET_KEY = os.environ["SUPERSET_SECRET_KEY"]
# Superset's own metadata stays in its volume; the marts are attached read-only as "OSINT marts".
SQLALCHEMY_DATABASE_URI = "sqlite:////app/superset_home/superset.db"
# The published file is replaced atomically on every publish: do not pool connections, so each
# query opens the current build (DuckDB read-only connections keep the file they opened).
SQLALCHEMY_ENGINE_OPTIONS = {"poolclass": __import__("sqlalchemy.pool", fromlist=["NullPool"]).NullPool}
PREVENT_UNSAFE_DB_CONNECTIONS = True
FEATURE_FLAGS = {"ENABLE_TEMPLATE_PROCESSING": False}


def DB_CONNECTION_MUTATOR(uri, params, username, security_manager, source):
    """Every DuckDB connection Superset opens has DuckDB's external access off, whatever its URI says:
    "OSINT marts" (whose URI already says so) and any DuckDB database a user adds later, which could
    otherwise read host files (read_csv('/etc/passwd'), /proc/self/environ) from SQL Lab."""
    if uri.drivername.split("+")[0] == "duckdb":
        uri = uri.update_query_dict({"enable_external_access": "false"})
    return uri, params
