"""Test settings: the same database and broker selection as everywhere (DATABASE_URL, REDIS_URL)."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = env.str("SECRET_KEY", default="test-secret-key-not-for-production-" + "x" * 20)
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
if env.bool("TEST_EMAIL_BACKEND_FROM_ENV", default=False):
    # a worker process started by a test writes its emails where the test can read them (EMAIL_URL)
    from .base import (
        EMAIL_BACKEND,
        EMAIL_FILE_PATH,  # noqa: F401
    )
else:
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = False

from .base import DATABASES, VAR_DIR  # noqa: E402

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory, so that a real Celery worker process started by a test sees the same data.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}

# The voting pages' throttling counts in the cache, which Redis keeps across test runs: the URLconf-wide
# tests (access matrix, fuzzing) hit the same address many times. The throttling tests set low limits.
VOTE_THROTTLE_IP_FAILURES = 100_000
VOTE_THROTTLE_CODE_ATTEMPTS = 100_000
