"""deploy/dateline.env.example cannot be loaded unchanged as a working production key."""

import sys

import pytest

from tests.core.test_settings import ROOT, run

ENV_EXAMPLE = ROOT / "deploy" / "dateline.env.example"
# What the example shipped before: long and varied enough to pass `check --deploy`, and public.
OLD_EXAMPLE_KEY = "change-me: python -c 'import secrets; print(secrets.token_urlsafe(50))'"


def read_environment_file(path) -> dict[str, str]:
    """KEY=VALUE lines as systemd's EnvironmentFile= reads them (comments and blank lines skipped)."""
    values = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    return values


def deploy_check(tmp_path, secret_key: str):
    return run(
        [sys.executable, "-m", "dateline", "check", "--deploy", "--fail-level", "WARNING"],
        tmp_path,
        SECRET_KEY=secret_key,
        ALLOWED_HOSTS="news.example.org",
    )


def test_the_env_example_ships_no_usable_secret_key(tmp_path):
    result = deploy_check(tmp_path, read_environment_file(ENV_EXAMPLE)["SECRET_KEY"])
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "SECRET_KEY" in lines[0]


@pytest.mark.parametrize(
    "placeholder",
    [OLD_EXAMPLE_KEY, "change-me-to-a-long-random-string", "django-insecure-" + "x9" * 30],
)
def test_production_refuses_a_placeholder_secret_key_with_one_line(tmp_path, placeholder):
    result = deploy_check(tmp_path, placeholder)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "SECRET_KEY" in lines[0]
    assert "placeholder" in lines[0]
