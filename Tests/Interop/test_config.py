"""Configuration: kinora.yaml < KINORA_* environment < flags; `config show`; one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness import ROLES, Servers, run_cli

SECRET = "abcdef0123456789abcdef0123456789"
LOG_LEVELS = ("trace", "debug", "info", "notice", "warning", "error", "critical")


def write_config(data_dir: Path, text: str) -> Path:
    config_dir = data_dir / "config"
    config_dir.mkdir(parents=True, exist_ok=True)
    path = config_dir / "kinora.yaml"
    path.write_text(text)
    return path


def output_lines(result) -> list[str]:
    return [line for line in (result.stdout + "\n" + result.stderr).splitlines() if line.strip()]


def show(result) -> str:
    return f"exit code {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"


def test_config_show_prints_effective_configuration(tmp_path: Path) -> None:
    result = run_cli(["config", "show", "--data", str(tmp_path)])
    assert result.returncode == 0, show(result)
    assert str(ROLES["series"]) in result.stdout, f"the series port 8989 is not in the configuration shown:\n{result.stdout}"
    assert str(tmp_path) in result.stdout, f"the data dir is not in the configuration shown:\n{result.stdout}"


def test_config_show_masks_secrets_from_environment(tmp_path: Path) -> None:
    result = run_cli(["config", "show", "--data", str(tmp_path)], env={"KINORA_API_KEYS_SERIES": SECRET})
    assert result.returncode == 0, show(result)
    assert SECRET not in result.stdout + result.stderr, f"the series API key is printed in full:\n{result.stdout}"
    # the key must not leak in large pieces either (a masked form may keep a few characters)
    for start in range(0, len(SECRET) - 12):
        piece = SECRET[start:start + 12]
        assert piece not in result.stdout, f"{piece!r}, 12 characters of the secret, is printed:\n{result.stdout}"


def test_environment_api_key_is_used(servers: Servers) -> None:
    server = servers.start(env={"KINORA_API_KEYS_SERIES": SECRET})
    response = server.get("series", "/api/v3/system/status", headers={"X-Api-Key": SECRET})
    assert response.status_code == 200, f"KINORA_API_KEYS_SERIES is not the series key: HTTP {response.status_code}"


def test_valid_yaml_is_accepted(tmp_path: Path) -> None:
    write_config(tmp_path, "log-level: debug\n")
    result = run_cli(["config", "show", "--data", str(tmp_path)])
    assert result.returncode == 0, show(result)
    assert "debug" in result.stdout, f"log-level from kinora.yaml is not in the configuration shown:\n{result.stdout}"


@pytest.mark.parametrize("command", [["config", "show"], ["keys"]], ids=["config-show", "keys"])
def test_unknown_key_is_one_line_naming_it(tmp_path: Path, command: list[str]) -> None:
    write_config(tmp_path, "bogus: 1\n")
    result = run_cli([*command, "--data", str(tmp_path)])
    assert result.returncode != 0, show(result)
    lines = output_lines(result)
    assert len(lines) == 1 and "bogus" in lines[0], f"want one line naming `bogus`; got:\n{show(result)}"


def test_unknown_key_stops_serve(servers: Servers) -> None:
    data_dir = servers.new_data_dir()
    write_config(data_dir, "bogus: 1\n")
    server = servers.spawn(data_dir=data_dir)
    code = server.wait_exit(10.0)
    assert code not in (None, 0), f"serve with an unknown key: exit code {code}\n{server.describe()}"
    assert "bogus" in server.stderr(), server.describe()
    assert not server.stdout_lines or not server.stdout_lines[0].startswith("kinora ready"), server.describe()


def test_bad_value_is_one_line_naming_key_and_allowed_values(tmp_path: Path) -> None:
    write_config(tmp_path, "log-level: loud\n")
    result = run_cli(["config", "show", "--data", str(tmp_path)])
    assert result.returncode != 0, show(result)
    lines = output_lines(result)
    assert len(lines) == 1 and "log-level" in lines[0], f"want one line naming `log-level`; got:\n{show(result)}"
    assert any(level in lines[0] for level in LOG_LEVELS), f"the line does not say what is allowed: {lines[0]!r}"


def test_bad_value_in_environment_names_the_variable(tmp_path: Path) -> None:
    result = run_cli(["config", "show", "--data", str(tmp_path)], env={"KINORA_LOG_LEVEL": "loud"})
    assert result.returncode != 0, show(result)
    lines = output_lines(result)
    assert len(lines) == 1 and ("KINORA_LOG_LEVEL" in lines[0] or "log-level" in lines[0]), show(result)

