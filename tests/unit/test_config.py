from pathlib import Path

import pytest

from ingestion.errors import ConfigError
from ingestion.source_config import FilesSourceConfig
from osint.config import load_config


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "osint.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_config_resolves_paths_relative_to_the_file(tmp_path: Path) -> None:
    cfg = load_config(write(tmp_path, "data_dir: out\nsources:\n  - {kind: files, name: docs, path: in}\n"))
    assert cfg.data_dir == (tmp_path / "out").resolve()
    source = cfg.sources[0]
    assert isinstance(source, FilesSourceConfig)
    assert source.path == (tmp_path / "in").resolve()
    assert source.enabled is True


def test_default_data_dir_is_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OSINT_DATA_DIR", raising=False)
    cfg = load_config(write(tmp_path, "sources: []\n"))
    assert cfg.data_dir == (tmp_path / "data").resolve()


def test_unknown_kind_names_the_key_and_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "sources:\n  - {kind: fax, name: x}\n")
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert "sources[0].kind" in str(err.value) and "fax" in str(err.value) and str(path) in str(err.value)


def test_missing_option_names_the_key_and_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "sources:\n  - {kind: files, name: docs}\n")
    with pytest.raises(ConfigError) as err:
        load_config(path)
    message = str(err.value)
    assert str(path) in message and "sources[0] (docs).path" in message and "Field required" in message


def test_unknown_option_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="pathh"):
        load_config(write(tmp_path, "sources:\n  - {kind: files, name: docs, path: x, pathh: y}\n"))


def test_duplicate_source_names_are_rejected(tmp_path: Path) -> None:
    text = "sources:\n  - {kind: files, name: a, path: x}\n  - {kind: files, name: a, path: y}\n"
    with pytest.raises(ConfigError, match="duplicate source name"):
        load_config(write(tmp_path, text))


def test_missing_file_and_bad_yaml(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "nope.yml")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_config(write(tmp_path, "sources: [\n"))


def test_disabled_sources_are_not_enabled(tmp_path: Path) -> None:
    text = "sources:\n  - {kind: files, name: a, path: x, enabled: false}\n  - {kind: files, name: b, path: y}\n"
    cfg = load_config(write(tmp_path, text))
    assert [s.name for s in cfg.enabled_sources] == ["b"]


def test_bundled_sample_config_is_valid(repo_root: Path) -> None:
    cfg = load_config(repo_root / "config" / "sample.yml")
    assert cfg.enabled_sources


def test_warehouse_backend_defaults_to_duckdb_and_ducklake_needs_a_catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OSINT_DATA_DIR", raising=False)
    assert load_config(write(tmp_path, "sources: []\n")).warehouse.backend == "duckdb"
    path = write(tmp_path, "warehouse: {backend: ducklake}\nsources: []\n")
    with pytest.raises(ConfigError, match="needs a catalog") as err:
        load_config(path)
    assert str(path) in str(err.value)
    with pytest.raises(ConfigError, match=r"warehouse\.backend"):
        load_config(write(tmp_path, "warehouse: {backend: iceberg}\nsources: []\n"))


def test_ducklake_catalog_expands_variables_and_data_path_resolves(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OSINT_DATA_DIR", raising=False)
    monkeypatch.setenv("LAKE_DB", "osint_lake")
    text = 'warehouse: {backend: ducklake, catalog: "postgres:dbname=${LAKE_DB} host=127.0.0.1"}\nsources: []\n'
    cfg = load_config(write(tmp_path, text))
    assert cfg.warehouse.catalog == "postgres:dbname=osint_lake host=127.0.0.1"
    from osint.lake import Lake

    assert Lake.of(cfg) == Lake("postgres:dbname=osint_lake host=127.0.0.1", str((tmp_path / "data" / "lake").resolve()))
    cfg = load_config(write(tmp_path, text.replace("}", ", data_path: parquet}")))
    assert cfg.warehouse.data_path == str((tmp_path / "parquet").resolve())
    cfg = load_config(write(tmp_path, text.replace("}", ", data_path: 's3://bucket/lake'}")))
    assert cfg.warehouse.data_path == "s3://bucket/lake"


def test_as_of_is_the_end_of_a_day_or_an_instant_in_utc() -> None:
    from datetime import UTC, datetime

    from osint.lake import parse_as_of

    assert parse_as_of("2025-01-17") == datetime(2025, 1, 17, 23, 59, 59, 999999, tzinfo=UTC)
    assert parse_as_of("2025-01-17T18:00") == datetime(2025, 1, 17, 18, 0, tzinfo=UTC)
    assert parse_as_of("2025-01-17T18:00+03:00") == datetime(2025, 1, 17, 15, 0, tzinfo=UTC)
    with pytest.raises(ConfigError, match="--as-of"):
        parse_as_of("last tuesday")
