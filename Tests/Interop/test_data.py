"""Data layout (DESIGN.md): one media root with the library folders; databases under the config dir."""

from __future__ import annotations

from pathlib import Path

from harness import KEYED_ROLES, Servers, read_keys

LIBRARY_FOLDERS = ("downloads", "tv", "anime", "movies", "audiobooks", "podcasts")


def test_serve_lays_out_the_data_root(servers: Servers) -> None:
    server = servers.start()
    missing = [name for name in LIBRARY_FOLDERS if not (server.data_dir / name).is_dir()]
    assert not missing, f"missing under --data {server.data_dir}: {missing}"
    config = server.data_dir / "config"
    assert config.is_dir(), f"no default config dir {config}"
    databases = [p.name for p in config.rglob("*") if p.is_file() and p.suffix in (".sqlite", ".sqlite3", ".db")]
    assert databases, f"no SQLite database under {config}: {sorted(p.name for p in config.rglob('*'))}"


def test_config_dir_flag_moves_the_databases_and_keys(servers: Servers, tmp_path: Path) -> None:
    data_dir = servers.new_data_dir()
    config_dir = tmp_path / "elsewhere" / "config"
    server = servers.start(data_dir=data_dir, extra_args=["--config", str(config_dir)])
    keys = read_keys(data_dir, config_dir)
    assert sorted(keys) == sorted(KEYED_ROLES), keys
    response = server.get("series", "/api/v3/system/status", headers={"X-Api-Key": keys["series"]})
    assert response.status_code == 200, f"the key read with --config {config_dir} is not served: HTTP {response.status_code}"
    assert any(p.is_file() for p in config_dir.rglob("*")), f"nothing written under --config {config_dir}"
    default = data_dir / "config"
    stray = [str(p) for p in default.rglob("*") if p.is_file()] if default.exists() else []
    assert not stray, f"files written under the default config dir although --config was given: {stray}"
