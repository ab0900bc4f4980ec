"""Paragraf settings, read from the environment (see README, "Konfiguration")."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from .env import database_from_url, env_bool, env_int, env_json_object, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent

DEBUG = env_bool("DJANGO_DEBUG", default=False)
# A secret is required whenever debug is off; the development default is only for DEBUG.
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key" if DEBUG else None, required=not DEBUG)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# Certificates' QR codes and e-mail links point here: required with DEBUG off, and
# `check --deploy` requires https (paragraf.checks).
PARAGRAF_BASE_URL = env_str(
    "PARAGRAF_BASE_URL", "http://127.0.0.1:8000" if DEBUG else None, required=not DEBUG
).rstrip("/")
WAGTAILADMIN_BASE_URL = PARAGRAF_BASE_URL

INSTALLED_APPS = [
    "paragraf",
    "people",
    "notices",
    "guidelines",
    "courses",
    "quizzes",
    "scorm",
    "compliance",
    "certificates",
    "findings",
    "authoring",
    "search",
    "xapi",
    "overview",
    "statusreport",
    "axes",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_celery_beat",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "paragraf.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "paragraf.security.PersonalPagesNotCachedMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "paragraf.security.SessionIdleTimeoutMiddleware",
    "axes.middleware.AxesMiddleware",
    "paragraf.replica.ReplicaReadsMiddleware",
]

ROOT_URLCONF = "paragraf.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "paragraf.wsgi.application"

DATABASES = {
    "default": database_from_url(
        env_str("DATABASE_URL", "sqlite:///db.sqlite3"), base_dir=str(BASE_DIR)
    )
}
# A streaming read replica for HR reports, exports, dashboards and the evidence view (see
# paragraf/replica.py): reads there wait at most DATABASE_REPLICA_MAX_WAIT_MS for the replica to
# replay what the primary had written when the report was asked for, else they read the primary.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL", "")
DATABASE_REPLICA_MAX_WAIT_MS = env_int("DATABASE_REPLICA_MAX_WAIT_MS", 2000)
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = database_from_url(DATABASE_REPLICA_URL, base_dir=str(BASE_DIR))
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["paragraf.replica.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "people.User"
LOGIN_URL = "login"
# django-axes first: it refuses a locked-out (username, client address) before any password
# is checked, for every login form alike (ours, Wagtail's admin login, any later one).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "people.backends.PermissionsInOneQueryBackend",
]

# Single sign-on with OpenID Connect: on when OIDC_RP_CLIENT_ID is set. The login is mapped to an
# existing employee by the employee-number claim or e-mail; no account is ever created by SSO.
OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID", "")
OIDC_ENABLED = OIDC_RP_CLIENT_ID != ""
OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = env_str("OIDC_RP_SCOPES", "openid email profile")
OIDC_EMPLOYEE_NUMBER_CLAIM = env_str("OIDC_EMPLOYEE_NUMBER_CLAIM", "employee_number")
OIDC_USE_PKCE = True
OIDC_CREATE_USER = False
LOGIN_REDIRECT_URL_FAILURE = "/log-ind/sso-fejl/"
if OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append("paragraf.auth.ParagrafOIDCBackend")
LOGIN_REDIRECT_URL = "my-courses"
LOGOUT_REDIRECT_URL = "/"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Danish first, English available.
LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Dansk")), ("en", _("Engelsk"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Det Fælles Designsystem, installed by npm and served whole so its ../fonts and ../img work.
    ("dkfds", BASE_DIR / "node_modules" / "dkfds" / "dist"),
    # The SCORM runtime (npm scorm-again, pinned in package.json): API and API_1484_11.
    ("scorm-again", BASE_DIR / "node_modules" / "scorm-again" / "dist"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    # Media on disk (MEDIA_ROOT) by default; object storage by naming its backend and options,
    # e.g. storages.backends.s3.S3Storage + {"bucket_name": ..., "default_acl": "private"}.
    "default": {
        "BACKEND": env_str("MEDIA_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"),
        "OPTIONS": env_json_object("MEDIA_STORAGE_OPTIONS"),
    },
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG and env_bool("PARAGRAF_MANIFEST_STATIC", default=True)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Wagtail
WAGTAIL_SITE_NAME = "Paragraf"
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_USER_LOGIN_FORM = "paragraf.login.AdminLoginForm"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILEMBEDS_FINDERS: list[dict[str, object]] = []
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "csv"]

# Celery: an empty broker URL runs every task eagerly in-process (the embedded default).
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL == ""
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 600
# Two queues that cannot block each other: imports, exports, regrades, report builds and other
# long set-based jobs on `heavy`; what a person waits for (certificates, reminders, notices, xAPI
# sending, attempt expiry, digests) on `default`. Run at least one worker per queue (docs/drift.md).
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_ROUTES = {
    name: {"queue": "heavy"}
    for name in (
        "people.tasks.hr_import_preview_task",
        "people.tasks.hr_import_load_task",
        "people.tasks.hr_imports_purge_task",
        "people.tasks.retention_apply_task",
        "certificates.tasks.bundle_build_task",
        "certificates.tasks.bundles_purge_task",
        "compliance.tasks.evaluate_requirements_task",
        "quizzes.tasks.regrade_apply_task",
        "quizzes.tasks.item_totals_rebuild_task",
        "overview.tasks.compliance_snapshot_task",
        "search.tasks.search_reindex_task",
    )
}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_RESULT_BACKEND = None
CELERY_BEAT_SCHEDULE: dict[str, dict[str, object]] = {}
# GDPR retention: anonymise leavers past the retention period (PrivacySettings), nightly.
CELERY_BEAT_SCHEDULE["paragraf-retention"] = {
    "task": "people.tasks.retention_apply_task",
    "schedule": 24 * 60 * 60,
}
# Mandatory training: assign what is due and mark missed deadlines, then send reminders.
CELERY_BEAT_SCHEDULE["compliance-evaluate"] = {
    "task": "compliance.tasks.evaluate_requirements_task",
    "schedule": 6 * 60 * 60,
}
CELERY_BEAT_SCHEDULE["compliance-reminders"] = {
    "task": "compliance.tasks.send_reminders_task",
    "schedule": 6 * 60 * 60,
}
# Quizzes: close timed attempts whose time limit has passed (also done when the quiz is opened).
CELERY_BEAT_SCHEDULE["quizzes-expire-attempts"] = {
    "task": "quizzes.tasks.attempts_expire_overdue_task",
    "schedule": 5 * 60,
}
# Quizzes: the item analysis's running sums recomputed from the answers, at night.
CELERY_BEAT_SCHEDULE["quizzes-item-totals-rebuild"] = {
    "task": "quizzes.tasks.item_totals_rebuild_task",
    "schedule": crontab(hour=3, minute=15),
}
# Search: the learner's index rebuilt from what is published, at night.
CELERY_BEAT_SCHEDULE["search-reindex"] = {
    "task": "search.tasks.search_reindex_task",
    "schedule": crontab(hour=3, minute=30),
}
# Overview: the compliance counts stored as the previous day's close, and days older than three
# years thinned to one a month, just after midnight.
CELERY_BEAT_SCHEDULE["overview-compliance-snapshot"] = {
    "task": "overview.tasks.compliance_snapshot_task",
    "schedule": crontab(hour=0, minute=15),
}
# HR import: uploads not loaded within 24 hours (previews hold personal data) are deleted, hourly.
CELERY_BEAT_SCHEDULE["people-hr-imports-purge"] = {
    "task": "people.tasks.hr_imports_purge_task",
    "schedule": 60 * 60,
}
# Certificates in bulk: ZIP files (and their records) older than 7 days are deleted, hourly.
CELERY_BEAT_SCHEDULE["certificates-bundles-purge"] = {
    "task": "certificates.tasks.bundles_purge_task",
    "schedule": 60 * 60,
}
# Authoring: Monday morning digest of content due for legal review (once per item per ISO week).
CELERY_BEAT_SCHEDULE["paragraf-review-digest"] = {
    "task": "paragraf.review_digest_send",
    "schedule": crontab(day_of_week="mon", hour=7, minute=0),
}
# Statute freshness: read retsinformation.dk's ELI Atom feed and the cited acts' metadata, nightly.
CELERY_BEAT_SCHEDULE["guidelines-check-statutes"] = {
    "task": "guidelines.tasks.statutes_check_task",
    "schedule": crontab(hour=4, minute=30),
}
# xAPI: statements of what happens in Paragraf go to a Learning Record Store (issue 22). Off while
# XAPI_ENDPOINT is empty (e.g. https://lrs.example/xAPI). Actors are opaque account ids unless
# XAPI_IDENTIFY_ACTORS=1 allows name and e-mail.
XAPI_ENDPOINT = env_str("XAPI_ENDPOINT", "")
XAPI_USERNAME = env_str("XAPI_USERNAME", "")
XAPI_PASSWORD = env_str("XAPI_PASSWORD", "")
XAPI_IDENTIFY_ACTORS = env_bool("XAPI_IDENTIFY_ACTORS", False)
XAPI_ACTOR_SALT = env_str("XAPI_ACTOR_SALT", "")
XAPI_BATCH_SIZE = env_int("XAPI_BATCH_SIZE", 50)
XAPI_TIMEOUT = float(env_int("XAPI_TIMEOUT", 10))
CELERY_BEAT_SCHEDULE["xapi-send"] = {"task": "xapi.tasks.xapi_send_task", "schedule": 60}
PARAGRAF_RETSINFORMATION_URL = env_str(
    "PARAGRAF_RETSINFORMATION_URL", "https://www.retsinformation.dk"
)
PARAGRAF_RETSINFORMATION_FEED_PATH = env_str("PARAGRAF_RETSINFORMATION_FEED_PATH", "/eli/feed")
PARAGRAF_RETSINFORMATION_TIMEOUT = float(env_int("PARAGRAF_RETSINFORMATION_TIMEOUT", 20))
PARAGRAF_RETSINFORMATION_RETRIES = env_int("PARAGRAF_RETSINFORMATION_RETRIES", 3)
PARAGRAF_RETSINFORMATION_BACKOFF = 2.0

# Cache: shared by every gunicorn worker when CACHE_URL (redis://…) is set, so login throttling and
# rate limits count across workers; per-process memory otherwise (the embedded default).
CACHE_URL = env_str("CACHE_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
# A course's outline (courses.outline) is kept in the cache only when every worker shares it.
PARAGRAF_OUTLINE_CACHE = env_bool("PARAGRAF_OUTLINE_CACHE", default=bool(CACHE_URL))
# Sessions are read from the shared cache and written through to the database; a per-process
# cache would let another worker keep a logged-out session alive, so only with CACHE_URL.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if CACHE_URL
    else "django.contrib.sessions.backends.db"
)

# Client address and login lockout (see README, "Sikkerhed"). Behind the reverse proxy the
# client's address comes from X-Forwarded-For, over the trusted hops only; never otherwise.
# On by default with DEBUG off, as docs/drift.md deploys it (gunicorn behind a TLS proxy).
PARAGRAF_BEHIND_PROXY = env_bool("PARAGRAF_BEHIND_PROXY", default=not DEBUG)
PARAGRAF_PROXY_HOPS = env_int("PARAGRAF_PROXY_HOPS", 1)
AXES_ENABLED = env_bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env_int("PARAGRAF_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("PARAGRAF_LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]  # one attacker cannot lock others out
AXES_CLIENT_IP_CALLABLE = "paragraf.clientip.client_ip"
AXES_USERNAME_CALLABLE = "paragraf.login.axes_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "paragraf.login.locked_out"  # a Danish page, status 429
AXES_ENABLE_ADMIN = False  # unlocking is in the Wagtail admin (Låste logins)
AXES_VERBOSE = False
AXES_SENSITIVE_PARAMETERS = ["password"]

# Sessions end after PARAGRAF_SESSION_IDLE_HOURS without a request, and at the latest
# SESSION_COOKIE_AGE (14 days) after signing in; both for the learner's pages and the admin.
PARAGRAF_SESSION_IDLE_SECONDS = env_int("PARAGRAF_SESSION_IDLE_HOURS", 8) * 3600
SESSION_COOKIE_AGE = 14 * 24 * 3600

# E-mail
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Paragraf <paragraf@tmf.kk.dk>")

# Demo data: the password for seed_demo's users; never used by production settings.
PARAGRAF_DEMO_PASSWORD = env_str("PARAGRAF_DEMO_PASSWORD", "demo")
PARAGRAF_ALLOW_DEMO = env_bool("PARAGRAF_ALLOW_DEMO", default=DEBUG)
if PARAGRAF_ALLOW_DEMO:
    INSTALLED_APPS.insert(INSTALLED_APPS.index("authoring") + 1, "demo")

# HR import: the largest file the upload screen accepts, in MB (the whole city's CSV is ~6 MB).
PARAGRAF_HR_UPLOAD_MAX_MB = env_int("PARAGRAF_HR_UPLOAD_MAX_MB", 20)
# A leaver rehired within this many months keeps their still-valid completions (compliance).
PARAGRAF_REHIRE_KEEP_MONTHS = env_int("PARAGRAF_REHIRE_KEEP_MONTHS", 12)

# SCORM packages: refused above these, checked from the zip's directory before unpacking and
# enforced again while unpacking.
PARAGRAF_SCORM_MAX_ENTRIES = env_int("PARAGRAF_SCORM_MAX_ENTRIES", 20_000)
PARAGRAF_SCORM_MAX_UNPACKED_MB = env_int("PARAGRAF_SCORM_MAX_UNPACKED_MB", 500)

# Sessions and security
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Production hardening: on by default whenever DEBUG is off (`check --deploy` is clean); each can be
# turned off by its env var, e.g. for a loopback load test without TLS. TLS ends at the proxy,
# which must set X-Forwarded-Proto (PARAGRAF_BEHIND_PROXY=0 when Paragraf terminates TLS itself).
_PROD = not DEBUG
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if PARAGRAF_BEHIND_PROXY else None
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=_PROD)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load-balancer probes may speak plain HTTP
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=_PROD)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=_PROD)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000 if _PROD else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=_PROD)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=_PROD)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "paragraf.jsonlog.JsonFormatter"},  # LOG_FORMAT=json: one object a line
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if env_str("LOG_FORMAT", "plain") == "json" else "plain",
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
    },
}
