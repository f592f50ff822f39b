"""Scaling out (issue 18): production settings put sessions and the cache in Redis and, when asked, the
stored files in an S3-compatible object store (MinIO on an intranet) — nothing one process keeps alone."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.core.files.storage import storages
default_storage = storages["default"]
print(json.dumps({
    "storage": type(default_storage).__module__ + "." + type(default_storage).__name__,
    "bucket": getattr(default_storage, "bucket_name", ""),
    "endpoint": getattr(default_storage, "endpoint_url", ""),
    "session": settings.SESSION_ENGINE,
    "cache": settings.CACHES["default"]["BACKEND"],
}))
"""


def _production(**extra):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "gzt.example.gov.cn",
        "DATABASE_URL": "sqlite:////tmp/unused.sqlite3",
        **extra,
    }
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_production_keeps_sessions_and_cache_in_redis():
    probe = _production(REDIS_URL="redis://redis:6379/0")
    assert probe["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert probe["session"] == "django.contrib.sessions.backends.cached_db"
    assert probe["storage"] == "django.core.files.storage.filesystem.FileSystemStorage"


def test_production_stores_files_in_an_s3_compatible_bucket_when_configured():
    probe = _production(
        REDIS_URL="redis://redis:6379/0",
        FILES_S3_BUCKET="gzt-files",
        FILES_S3_ENDPOINT_URL="http://minio:9000",
        FILES_S3_ACCESS_KEY="k",
        FILES_S3_SECRET_KEY="s",
    )
    assert probe["storage"] == "storages.backends.s3.S3Storage"
    assert (probe["bucket"], probe["endpoint"]) == ("gzt-files", "http://minio:9000")
