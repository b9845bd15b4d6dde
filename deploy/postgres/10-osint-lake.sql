-- Run by the postgres image on the first start of its volume (docker-entrypoint-initdb.d): the database
-- DuckLake keeps its catalog in when config/team.yml (warehouse.backend: ducklake) is used.
CREATE DATABASE osint_lake OWNER airflow;
