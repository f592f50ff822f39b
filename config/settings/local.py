"""Development settings: the embedded default of `make run` (SQLite, filesystem broker)."""

import secrets

from .base import *  # noqa: F403
from .base import VAR_DIR, env

DEBUG = env.bool("DEBUG", default=True)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
# `make run` starts the website with DEBUG off (Procfile.dev), so a visitor meets the product's own Chinese
# 404/500 pages, not Django's English debug pages (`DEBUG=true make run` brings those back for developers;
# tracebacks are logged on the console either way). With DEBUG off WhiteNoise serves the static files
# straight from the source folders: no collectstatic needed in development.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True


def _local_secret_key() -> str:
    """A secret generated once per checkout and kept in var/, so sessions survive restarts."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = env.str("SECRET_KEY", default="") or _local_secret_key()
