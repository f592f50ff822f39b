"""Settings: the embedded defaults need no environment; production refuses to start without a secret."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run(args, env, tmp_path):
    base = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), "GZT_VAR_DIR": str(tmp_path / "var")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_embedded_defaults_work_with_no_environment(tmp_path):
    result = _run(
        [
            "shell",
            "-c",
            (
                "from django.conf import settings as s; "
                "print(s.DATABASES['default']['ENGINE'], s.CELERY_BROKER_URL, s.LANGUAGE_CODE, s.TIME_ZONE, s.USE_TZ)"
            ),
        ],
        {},
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "django.db.backends.sqlite3 filesystem:// zh-hans Asia/Shanghai True" in result.stdout
    # the development secret is generated once and kept
    assert (tmp_path / "var" / "secret_key").stat().st_size >= 50


def test_embedded_defaults_migrate_and_check(tmp_path):
    assert _run(["migrate", "--noinput", "-v0"], {}, tmp_path).returncode == 0
    result = _run(["check"], {}, tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "var" / "db.sqlite3").exists()


def test_production_refuses_to_start_without_secret_key(tmp_path):
    result = _run(
        ["check"],
        {"DJANGO_SETTINGS_MODULE": "config.settings.production", "ALLOWED_HOSTS": "gzt.example.gov.cn"},
        tmp_path,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr and "ImproperlyConfigured" in result.stderr


def test_production_passes_check_deploy_with_production_values(tmp_path):
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "gzt.example.gov.cn",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        "REDIS_URL": "redis://127.0.0.1:6379/9",
    }
    result = _run(["check", "--deploy", "--fail-level", "WARNING"], env, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"REDIS_URL": "redis://127.0.0.1:6379/3"}, "redis://127.0.0.1:6379/3"),
        (
            {"REDIS_URL": "redis://127.0.0.1:6379/3", "CELERY_BROKER_URL": "amqp://guest@localhost//"},
            "amqp://guest@localhost//",
        ),
    ],
)
def test_broker_selection_from_environment(tmp_path, env, expected):
    result = _run(["shell", "-c", "from django.conf import settings as s; print(s.CELERY_BROKER_URL)"], env, tmp_path)
    assert result.stdout.strip().endswith(expected), result.stderr
