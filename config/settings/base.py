"""Settings shared by every environment. Values come from the environment (django-environ).

Variables (documented in README.md and .env.example): SECRET_KEY, DEBUG, ALLOWED_HOSTS, DATABASE_URL,
REDIS_URL, CELERY_BROKER_URL, EMAIL_URL, DJANGO_SETTINGS_MODULE.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(environ.Env().str("GZT_VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()
env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])

# --- Applications ---------------------------------------------------------------------------
DJANGO_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]
THIRD_PARTY_APPS = [
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_celery_beat",
    "axes",
    "csp",
]
LOCAL_APPS = [
    "core",
    "accounts",
    "cadres",
    "secondment",
    "reports",
    "assessments",
    "documents",
    "dashboard",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every page needs a login unless its view is marked @login_not_required (login, health).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # a race lost at a unique constraint answers with a Chinese message, not a 500
    "core.middleware.ConflictMiddleware",
    # login throttling; last, as django-axes asks
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "dashboard.context_processors.navigation",
                "dashboard.context_processors.navigation_actions",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# The embedded default is a SQLite file under var/; production sets DATABASE_URL to PostgreSQL.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Web, worker and beat share the file: wait for locks, write-ahead log, take the write lock early.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Auth -----------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTHENTICATION_BACKENDS = [
    "accounts.throttling.ThrottledLoginBackend",  # django-axes: refuses a locked-out user name + address
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling (django-axes): failures counted per user name AND address, so a shared office address
# never locks a whole department. Unlock in admin (登录失败与锁定 → 解除锁定) or wait out the cool-off.
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.throttling.lockout_response"  # a Chinese page, HTTP 429
AXES_CLIENT_IP_CALLABLE = "accounts.throttling.client_ip"
AXES_ENABLE_ADMIN = False  # accounts.admin shows the lockouts in Chinese, with an unlock action
AXES_VERBOSE = False
# How many reverse proxies that append to X-Forwarded-For stand in front of gunicorn (0: none, use
# REMOTE_ADDR; docker-compose behind one TLS proxy: 1).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Internationalization -------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Static and media files -----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# static/vendor/ (gitignored) holds Bootstrap 5 and ECharts, taken from the npm registry by `make`
# (scripts/fetch_assets.sh): no CDN, works on an offline intranet.
STATICFILES_DIRS = [BASE_DIR / "static"]
# Stored files (uploads, archived forms, print zips) are never served from MEDIA_ROOT directly: MEDIA_URL
# is core.file_views.StoredFileView, which checks the user's scope over the record that owns the file.
MEDIA_URL = "/files/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
# With nginx in front: the internal location that serves MEDIA_ROOT (README, "Stored files"); empty:
# Django streams the file itself.
FILES_ACCEL_REDIRECT = env.str("FILES_ACCEL_REDIRECT", default="")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Content-Security-Policy (django-csp) ---------------------------------------------------
# Scripts and style sheets come from this site only: no inline <script>, no on…= handlers, no <style>
# (tests/security/test_csp.py greps the templates). Style *attributes* are allowed explicitly: ECharts
# writes its tooltips with them, and a style attribute cannot run script. data: images are Bootstrap's
# SVG icons inside its CSS.
from csp.constants import NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- Forms ----------------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Email ----------------------------------------------------------------------------------
_email = env.email_url("EMAIL_URL", default="consolemail://")
globals().update(_email)  # EMAIL_BACKEND, EMAIL_HOST, EMAIL_PORT, ...
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="挂职通 <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Celery ---------------------------------------------------------------------------------
# Broker: CELERY_BROKER_URL wins, then REDIS_URL; with neither, kombu's filesystem transport, which
# needs no server (the embedded default of `make run`).
REDIS_URL = env.str("REDIS_URL", default="")
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="") or REDIS_URL or "filesystem://"
BROKER_DIR = VAR_DIR / "broker"
if CELERY_BROKER_URL.startswith("filesystem://"):
    BROKER_DIR.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR),
        "data_folder_out": str(BROKER_DIR),
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
    }
else:
    # Reminder sends and exports finish well within an hour; keep retries below this.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_IGNORE_RESULT = True
# no result backend: nothing for celery's own "celery.backend_cleanup" periodic task to clean
CELERY_RESULT_EXPIRES = None
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="celery")
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Every periodic schedule of the product is declared here, and only here. django-celery-beat copies
# these entries into the database at start-up, where admins can see and adjust them; their names are
# what admins read there (core/migrations/0009 renamed the earlier English ones).
CELERY_BEAT_SCHEDULE = {
    "工作进程心跳": {
        "task": "core.tasks.record_worker_heartbeat",
        "schedule": 60.0,
    },
    # Reminders: one scan an hour creates what is due and fans out one send task per reminder.
    "生成并发送提醒": {
        "task": "core.tasks.scan_reminders",
        "schedule": crontab(minute=5),
    },
    # Batch print jobs and their zips are deleted after PRINT_JOB_RETENTION_DAYS.
    "清理过期的导出文件": {
        "task": "core.tasks.cleanup_export_jobs",
        "schedule": crontab(hour=3, minute=40),
    },
    "清理过期的批量打印": {
        "task": "documents.tasks.cleanup_print_jobs",
        "schedule": crontab(hour=3, minute=30),
    },
    # Phone votes (民主测评（扫码）) whose window has ended are closed and fill the appraisal's tallies.
    "扫码民主测评到期结束": {
        "task": "assessments.tasks.close_ended_votes",
        "schedule": 60.0,
    },
    # Postings whose end date has passed become 期满待鉴定, shortly after midnight (Asia/Shanghai).
    "期满挂职转入待鉴定": {
        "task": "secondment.tasks.end_terms",
        "schedule": crontab(hour=0, minute=10),
    },
}

# --- Cache ----------------------------------------------------------------------------------
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Statistics cached per scope under the data version (core.stats_cache): a write makes them unreachable
# at once; this only bounds how long unreachable ones take space.
STATS_CACHE_SECONDS = env.int("STATS_CACHE_SECONDS", default=3600)

# --- Logging --------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}

# --- Product settings -----------------------------------------------------------------------
# A posting whose unapproved absence adds up to this many days is flagged to the org department (rule 6).
LONG_ABSENCE_DAYS = env.int("LONG_ABSENCE_DAYS", default=5)
# 对未经系统培训的不得列入后备队伍管理 (seed 002): a cadre is set as reserve only with a completed
# system training on record. Places that do not apply the rule turn it off.
RESERVE_REQUIRES_SYSTEM_TRAINING = env.bool("RESERVE_REQUIRES_SYSTEM_TRAINING", default=True)
# A worker whose last heartbeat is older than this is reported as down by /healthz/.
WORKER_HEARTBEAT_MAX_AGE_SECONDS = env.int("WORKER_HEARTBEAT_MAX_AGE_SECONDS", default=300)
# End-of-term appraisal (期满考核鉴定): composite score = indicators × w + democratic evaluation × w.
APPRAISAL_WEIGHTS = {"indicators": 0.7, "democratic": 0.3}
# Points per democratic-evaluation vote (不了解 votes are left out of the average).
APPRAISAL_VOTE_POINTS = {"excellent": 100, "competent": 80, "basic": 60, "incompetent": 0}
# A democratic evaluation counts only when at least this share of the expected people took part.
DEMOCRATIC_MIN_PARTICIPATION = env.float("DEMOCRATIC_MIN_PARTICIPATION", default=2 / 3)
# 民主测评（扫码）: the voting pages count, in the cache, per address the codes that did not exist (a
# meeting room behind one address votes freely: only failures count) and per code every attempt.
VOTE_THROTTLE_WINDOW_SECONDS = env.int("VOTE_THROTTLE_WINDOW_SECONDS", default=600)
# The address limit is generous: a room of a few hundred phones behind one NAT mistypes codes too (one
# in ten did in tests/assessments/test_democratic_vote_load.py: at 20 the whole room was locked out), and
# 300 guesses in 10 minutes against 32**8 codes, 200 of them live, hit one about once in 10**5 days.
VOTE_THROTTLE_IP_FAILURES = env.int("VOTE_THROTTLE_IP_FAILURES", default=300)
VOTE_THROTTLE_CODE_ATTEMPTS = env.int("VOTE_THROTTLE_CODE_ATTEMPTS", default=10)

# --- Reminders ------------------------------------------------------------------------------
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
REMINDER_MAX_ATTEMPTS = env.int("REMINDER_MAX_ATTEMPTS", default=5)
REMINDER_RETRY_BASE_SECONDS = 60
REMINDER_RETRY_MAX_SECONDS = 1800  # well below the broker's visibility timeout (3600 s)
# Offsets in days (editable here; the rules read only these names). Each offset is a rung: it is sent
# once, on its day or at the first scan after it (a missed day is caught up); after a long gap only the
# latest rung reached is sent (core.reminders.latest_rung).
REMINDER_REPORT_DUE_BEFORE = [7, 1]  # work report due: 7 days and 1 day before
REMINDER_ARRIVAL_DAYS = {"receive_contact": 10, "org_staff": 15}  # days after the appointment
# 备案 of the appointment not recorded (rule 3; the seed files it with the 任职手续, due with the arrival):
# days after the appointment
REMINDER_FILING_DAYS = {"receive_contact": 14, "org_staff": 28}
# A batch's nomination deadline: days before it, to the dispatching contacts with a quota who have not
# nominated yet; the day after it, to the organizing org staff while the batch is still open.
REMINDER_NOMINATION_DEADLINE_BEFORE = [7, 1]
REMINDER_NOMINATION_CLOSE_AFTER = 1
# A finalized appraisal not yet transferred into the personnel file (转递入档): days after finalization, to the
# organizing org department.
REMINDER_APPRAISAL_FILING_DAYS = 30
# Leave awaiting a decision: days after the request, to whoever its length makes the approver.
REMINDER_LEAVE_PENDING_DAYS = [1, 3]
# an extension request: the dispatching contacts' consent (days after the request), the org department's
# decision (days after the consent)
REMINDER_EXTENSION_CONSENT_DAYS = [0, 3]
REMINDER_EXTENSION_DECISION_DAYS = [0, 7]
REMINDER_TERM_END_BEFORE = 30
REMINDER_RECTIFICATION_BEFORE = 3
REMINDER_ANNUAL_ASSESSMENT_START = (12, 1)  # month, day: the annual assessment period opens
ATTENDANCE_DUE_DAY = 5  # monthly attendance is due by this day of the next month
# Escalation ladder of overdue items: (days overdue, who) — the cadre first, then upwards. Each rung reaches
# its own role on its own day, once (a rung already passed is not repeated to the roles below it).
REMINDER_ESCALATION = [(1, "cadre"), (4, "receive_contact"), (8, "dispatch_contact"), (15, "org_staff")]

# --- PDF ------------------------------------------------------------------------------------
# Prepared by scripts/build_pdf_fonts.py (run by make, CI and the Dockerfile) from Debian's fonts-noto-cjk.
PDF_FONT_DIR = Path(env.str("PDF_FONT_DIR", default=str(BASE_DIR / "var" / "fonts")))

# --- Charts ---------------------------------------------------------------------------------
# ECharts is taken from the npm registry by `make` (scripts/fetch_assets.sh) into static/vendor/echarts/.
# Without Node the app still runs: charts degrade to their tables with a one-line notice.
ECHARTS_VERSION = "6.1.0"
ECHARTS_AVAILABLE = (BASE_DIR / "static" / "vendor" / "echarts" / "echarts.min.js").exists()
PRINT_JOB_RETENTION_DAYS = env.int("PRINT_JOB_RETENTION_DAYS", default=7)
# A list export of up to this many rows answers at once; a larger one becomes a background job with a
# progress page (core.exports): 2,000 rows take about a second, far below any web timeout.
EXPORT_SYNC_MAX_ROWS = env.int("EXPORT_SYNC_MAX_ROWS", default=2000)
EXPORT_RETENTION_DAYS = env.int("EXPORT_RETENTION_DAYS", default=7)
