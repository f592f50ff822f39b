"""Production settings: base plus security hardening. SECRET_KEY must come from the environment."""

from .base import *  # noqa: F403
from .base import REDIS_URL, env

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY")  # no default: refuse to start without it
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

# Stored files: MEDIA_ROOT (one host, or a volume every web and worker container mounts: NFS), or an
# S3-compatible object store (MinIO on the intranet) when FILES_S3_BUCKET is set. Either way files are
# read and written through the storage API only, and served by Django behind scope (core.files).
FILES_S3_BUCKET = env.str("FILES_S3_BUCKET", default="")
if FILES_S3_BUCKET:
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": FILES_S3_BUCKET,
            "endpoint_url": env.str("FILES_S3_ENDPOINT_URL", default="") or None,  # e.g. http://minio:9000
            "access_key": env.str("FILES_S3_ACCESS_KEY", default="") or None,
            "secret_key": env.str("FILES_S3_SECRET_KEY", default="") or None,
            "region_name": env.str("FILES_S3_REGION", default="") or None,
            "default_acl": None,  # the bucket stays private: nothing is ever linked to directly
            "file_overwrite": False,
            "querystring_auth": True,
        },
    }
else:
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _default_storage,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Several web containers: sessions read from Redis (the cache, see base) and written through to
# PostgreSQL, so a Redis restart logs nobody out; without Redis, the database alone.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db" if REDIS_URL else "django.contrib.sessions.backends.db"

# TLS is terminated by the reverse proxy in front of gunicorn, which sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# Container health checks call /healthz/ over plain HTTP inside the compose network.
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
