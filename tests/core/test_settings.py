"""Settings from the environment, the `dateline` command, and a production configuration that
Django's deploy checks find nothing to fix in."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(sys.executable).parent / "dateline"
# Variables a developer's shell (or the browser tests' conftest, DJANGO_ALLOW_ASYNC_UNSAFE) may carry
# that would change what the settings read or what the deploy checks find.
NOT_INHERITED = {
    "DATABASE_URL",
    "REDIS_URL",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DEBUG",
    "MEDIA_ROOT",
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def environment(tmp_path, **variables) -> dict:
    env = {
        key: value for key, value in os.environ.items() if key not in NOT_INHERITED and not key.startswith("DATELINE_")
    }
    env.update({"DATELINE_DATA_DIR": str(tmp_path / "data"), **variables})
    return env


def run(args, tmp_path, **variables) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 (our own interpreter and command)
        args, cwd=ROOT, env=environment(tmp_path, **variables), capture_output=True, text=True, timeout=120
    )


def read_settings(tmp_path, module="dateline.settings.production", **variables) -> dict:
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        "db = settings.DATABASES['default']; "
        "print(json.dumps({'engine': db['ENGINE'], 'name': str(db['NAME']), 'options': db.get('OPTIONS', {}), "
        "'cache': settings.CACHES['default']['BACKEND'], 'hosts': settings.ALLOWED_HOSTS, "
        "'media': str(settings.MEDIA_ROOT), 'site': settings.DATELINE_SITE_NAME, "
        "'outlet': settings.DATELINE_OUTLET_CODE, 'debug': settings.DEBUG, 'i18n': settings.WAGTAIL_I18N_ENABLED, "
        "'languages': [code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES]}))"
    )
    result = run([sys.executable, "-c", code], tmp_path, DJANGO_SETTINGS_MODULE=module, **variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def production(tmp_path) -> dict:
    return {"SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "news.example.org"}


def test_default_database_is_a_sqlite_file_in_wal_mode_under_the_data_folder(tmp_path):
    values = read_settings(tmp_path, **production(tmp_path))
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["name"] == str(tmp_path / "data" / "dateline.sqlite3")
    assert "journal_mode=WAL" in values["options"]["init_command"]


def test_database_url_chooses_the_database(tmp_path):
    values = read_settings(
        tmp_path, DATABASE_URL="postgres://newsroom@db.example.org:5432/dateline", **production(tmp_path)
    )
    assert (values["engine"], values["name"]) == ("django.db.backends.postgresql", "dateline")


def test_redis_url_switches_the_cache_to_redis(tmp_path):
    assert read_settings(tmp_path, **production(tmp_path))["cache"].endswith("LocMemCache")
    values = read_settings(tmp_path, REDIS_URL="redis://127.0.0.1:6379/3", **production(tmp_path))
    assert values["cache"] == "django_redis.cache.RedisCache"


def test_hosts_media_site_name_and_outlet_come_from_the_environment(tmp_path):
    values = read_settings(
        tmp_path,
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="news.example.org,www.news.example.org",
        MEDIA_ROOT=str(tmp_path / "photos"),
        DATELINE_SITE_NAME="Radio Habana Cuba",
        DATELINE_OUTLET_CODE="RHC",
    )
    assert values["hosts"] == ["news.example.org", "www.news.example.org"]
    assert values["media"] == str(tmp_path / "photos")
    assert (values["site"], values["outlet"]) == ("Radio Habana Cuba", "RHC")


def test_internationalisation_is_on_with_the_demo_languages(tmp_path):
    values = read_settings(tmp_path, **production(tmp_path))
    assert values["i18n"] is True
    assert values["languages"] == ["en", "es", "fr", "ar"]


def test_development_runs_without_a_secret_key(tmp_path):
    values = read_settings(tmp_path, module="dateline.settings.dev")
    assert values["debug"] is True


def test_production_without_secret_key_stops_with_one_line_naming_it(tmp_path):
    result = run([sys.executable, "-m", "dateline", "check"], tmp_path, ALLOWED_HOSTS="news.example.org")
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "SECRET_KEY" in lines[0]
    assert "Traceback" not in result.stderr


def test_deploy_check_finds_nothing_to_fix_in_production(tmp_path):
    result = run(
        [sys.executable, "-m", "dateline", "check", "--deploy", "--fail-level", "WARNING"],
        tmp_path,
        **production(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr


def test_python_m_dateline_shows_djangos_commands(tmp_path):
    result = run([sys.executable, "-m", "dateline", "--help"], tmp_path, **production(tmp_path))
    assert result.returncode == 0
    assert "Type 'python -m dateline help <subcommand>'" in result.stdout
    assert {"[django]", "[wagtail]"} <= set(result.stdout.split())
    assert "migrate" in result.stdout.split()


def test_help_works_before_the_site_is_configured(tmp_path):
    result = run([sys.executable, "-m", "dateline", "--help"], tmp_path)
    assert result.returncode == 0
    assert "dateline help <subcommand>" in result.stdout


@pytest.mark.skipif(not SCRIPT.exists(), reason="the package is not installed in this environment (pip install -e .)")
def test_installed_dateline_script_runs_the_commands(tmp_path):
    result = run([str(SCRIPT), "check"], tmp_path, **production(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_dateline_command_defaults_to_production_settings(tmp_path):
    code = "from django.conf import settings; print(settings.SETTINGS_MODULE)"
    result = run([sys.executable, "-m", "dateline", "shell", "-c", code], tmp_path, **production(tmp_path))
    assert result.stdout.strip().splitlines()[-1] == "dateline.settings.production"
