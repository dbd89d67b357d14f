"""sifa settings: one module, configured only from SIFA_* environment variables.

SIFA_DATABASE_URL   sqlite:///var/sifa.sqlite3 (default) or postgres://user@host:5432/name
SIFA_SECRET_KEY     Django's secret key; generated into var/secret_key on first run when absent
SIFA_DATA_KEY       hex SM4 key (32 hex digits) for personal data at rest; generated into var/data_key
SIFA_AUDIT_KEY      hex HMAC-SM3 key(s) (64 hex digits each, comma-separated, oldest first) sealing the audit
                    chain; generated into var/audit_key
SIFA_AUDIT_CHECKPOINT_FILE  where `sifa audit checkpoint` appends the chain's head (default var/audit-checkpoints.log)
SIFA_DEBUG          1 or 0 (default 1 for a laptop; set 0 in production)
SIFA_DEBUG_PAGES    1 to see Django's technical error pages when SIFA_DEBUG=1 (default: sifa's own pages)
SIFA_ALLOWED_HOSTS  comma-separated host names (default: localhost,127.0.0.1)
SIFA_VAR_DIR        where the database, keys, uploads and screenshots live (default: ./var)
SIFA_SECURE_COOKIES 1 to send cookies over HTTPS only (default: on when SIFA_DEBUG=0)
SIFA_LOG_FORMAT     text (default) or json: one JSON object a line, for a log collector
SIFA_LOG_LEVEL      the root log level (default WARNING)
SIFA_METRICS_ALLOWED addresses or networks that may read /metrics (default: 127.0.0.1,::1)
SIFA_METRICS_TOKEN  a bearer token that may read /metrics from anywhere (default: none)
"""

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("SIFA_VAR_DIR", Path.cwd() / "var")).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_from_var(name: str, make) -> str:
    """A secret kept in var/ (mode 0600), created on first run. Several processes may start at once (gunicorn's
    workers, parallel test workers): the file appears whole or not at all (written aside, then linked, which
    fails if another process got there first), so they all read the same secret."""
    path = VAR_DIR / name
    if not path.exists():
        aside = VAR_DIR / f".{name}.{os.getpid()}"
        fd = os.open(aside, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(make())
        try:
            os.link(aside, path)
        except FileExistsError:
            pass
        finally:
            aside.unlink()
    return path.read_text().strip()


SECRET_KEY = os.environ.get("SIFA_SECRET_KEY") or _secret_from_var("secret_key", lambda: secrets.token_urlsafe(50))
SIFA_DATA_KEY = os.environ.get("SIFA_DATA_KEY") or _secret_from_var("data_key", lambda: secrets.token_hex(16))
# Kept apart from the database, so that whoever can write the database cannot recompute the chain (core.audit).
SIFA_AUDIT_KEY = os.environ.get("SIFA_AUDIT_KEY") or _secret_from_var("audit_key", lambda: secrets.token_hex(32))
SIFA_AUDIT_CHECKPOINT_FILE = Path(os.environ.get("SIFA_AUDIT_CHECKPOINT_FILE") or VAR_DIR / "audit-checkpoints.log")
DEBUG = _env_flag("SIFA_DEBUG", True)
SIFA_DEBUG_PAGES = _env_flag("SIFA_DEBUG_PAGES", False)  # sifa.core.errors
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("SIFA_ALLOWED_HOSTS", "localhost,127.0.0.1").split(",") if h.strip()]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",  # the API docs page serves its Swagger UI assets locally (no CDN)
    "django_htmx",
    "simple_history",
    "rules.apps.AutodiscoverRulesConfig",
    "sifa.core.vendor_apps.SignInProtectionConfig",  # axes, under a Chinese name in the admin
    "django_otp",
    "sifa.core.vendor_apps.AuthenticatorDevicesConfig",  # django_otp.plugins.otp_totp
    "sifa.core.vendor_apps.RecoveryCodesConfig",  # django_otp.plugins.otp_static
    "csp",
    "django_tasks",
    "sifa.core.vendor_apps.BackgroundTasksConfig",  # django_tasks_db
    "sifa.core",
    "sifa.reconsideration",
    "sifa.litigation",
    "sifa.mediation",
    "sifa.legalaid",
    "sifa.lawyers",
    "sifa.appraisal",
    "sifa.notary",
    "sifa.enforcement",
    "sifa.supervisors",
    "sifa.petitions",
    "sifa.correction",
    "sifa.governance",
    "sifa.publicity",
    "sifa.reports",
    "sifa.portal",
    "sifa.api",
    "sifa.demo",
]

MIDDLEWARE = [
    "sifa.core.monitoring.RequestMetricsMiddleware",  # first: counts and times every request (/metrics)
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "sifa.core.middleware.IdleSessionMiddleware",
    "sifa.core.middleware.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "sifa.core.errors.ErrorPagesMiddleware",  # sifa's error pages with SIFA_DEBUG=1 too (core.errors)
    "sifa.core.middleware.NoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "sifa.core.middleware.WholeNumberQueryMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "sifa.core.middleware.DocumentTemplateErrorMiddleware",
    "sifa.core.two_factor.TwoFactorMiddleware",  # after the password, the second factor (core.two_factor)
]

ROOT_URLCONF = "sifa.urls"
WSGI_APPLICATION = "sifa.wsgi.application"

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
                "sifa.core.context_processors.navigation",
            ],
        },
    },
]

# Selects are rendered in Python, not through a template per option (sifa.core.forms.FormRenderer).
FORM_RENDERER = "sifa.core.forms.FormRenderer"

# --- database -------------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("SIFA_DATABASE_URL", f"sqlite:///{VAR_DIR / 'sifa.sqlite3'}"),
        # Persistent connections: opening one to PostgreSQL costs more than most pages' queries together.
        # Checked before reuse, so a restarted database server costs one failed check, not an error page.
        conn_max_age=int(os.environ.get("SIFA_DB_CONN_MAX_AGE", "300")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside the writer; IMMEDIATE transactions take the write lock up front so
    # concurrent writers wait (busy timeout) instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test_sifa.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
ATOMIC_REQUESTS = False

# --- authentication and login hardening (等保 2.0 level 3) -----------------------------------------
AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "sifa.core.auth.RoleBackend",
    "rules.permissions.ObjectPermissionBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "sifa.core.validators.CharacterClassPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
OTP_TOTP_ISSUER = "sifa"  # the name authenticator apps show beside the code

SESSION_COOKIE_AGE = 30 * 60  # 30 idle minutes
SESSION_SAVE_EVERY_REQUEST = False  # renewed by sifa.core.middleware.IdleSessionMiddleware
SIFA_SESSION_RENEW = int(os.environ.get("SIFA_SESSION_RENEW", "60"))  # seconds between two renewals
# A unit or staff choice with more options than this is a search box with suggestions (core.lookups).
SIFA_SELECT_MAX = int(os.environ.get("SIFA_SELECT_MAX", "200"))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
_secure = _env_flag("SIFA_SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_SECURE = _secure
CSRF_COOKIE_SECURE = _secure
SECURE_SSL_REDIRECT = _env_flag("SIFA_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = 0 if DEBUG else 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# A Content-Security-Policy with no inline scripts (django-csp 4 format).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- i18n: Chinese first, English second ---------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
# The project's catalog first, then Chinese catalogs for third-party apps that ship none (or only zh_CN,
# which Django does not use for zh-hans): see sifa.i18n_tools.VENDOR_APPS.
LOCALE_PATHS = [BASE_DIR / "locale", *sorted(p for p in (BASE_DIR / "locale" / "vendor").glob("*") if p.is_dir())]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- files --------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]  # the project's own css, js and vendored libraries (no CDN)
STATIC_ROOT = VAR_DIR / "static"  # `sifa collectstatic` fills it for the reverse proxy when SIFA_DEBUG=0
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
SIFA_UPLOAD_MAX_BYTES = 10 * 1024 * 1024
SIFA_UPLOAD_EXTENSIONS = [".pdf", ".jpg", ".jpeg", ".png", ".doc", ".docx", ".xls", ".xlsx", ".txt"]

# --- background tasks (django-tasks with its database backend: no broker on one machine) ----------
TASKS = {
    "default": {
        "BACKEND": os.environ.get("SIFA_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- sifa -----------------------------------------------------------------------------------------
SIFA_DUE_SOON_WORKING_DAYS = int(os.environ.get("SIFA_DUE_SOON_WORKING_DAYS", "3"))
SIFA_DISTRICT_NAME = os.environ.get("SIFA_DISTRICT_NAME", "普陀区")


def _rate(name: str, default: str) -> tuple[int, int]:
    """A limit written `uses/seconds`, e.g. 30/3600 (0/…: no limit)."""
    count, _, seconds = os.environ.get(name, default).partition("/")
    return int(count), int(seconds or 3600)


# The portal's abuse limits, counted in the database (shared by every worker process): online applications
# per client address (a service-hall terminal, a lawyer's office) and per applicant (keyed hash of the ID
# number or credit code), progress look-ups per address and per receipt number.
SIFA_PORTAL_APPLY_PER_ADDRESS = _rate("SIFA_PORTAL_APPLY_PER_ADDRESS", "30/3600")
SIFA_PORTAL_APPLY_PER_APPLICANT = _rate("SIFA_PORTAL_APPLY_PER_APPLICANT", "5/86400")
SIFA_PORTAL_LOOKUP_PER_ADDRESS = _rate("SIFA_PORTAL_LOOKUP_PER_ADDRESS", "60/3600")
SIFA_PORTAL_LOOKUP_PER_RECEIPT = _rate("SIFA_PORTAL_LOOKUP_PER_RECEIPT", "10/3600")
SIFA_TRUSTED_PROXIES = int(os.environ.get("SIFA_TRUSTED_PROXIES", "0"))  # reverse proxies in front (X-Forwarded-For)

# /metrics (core.monitoring): only from these addresses or networks, or with this bearer token.
SIFA_METRICS_ALLOWED = [a.strip() for a in os.environ.get("SIFA_METRICS_ALLOWED", "127.0.0.1,::1").split(",")
                        if a.strip()]
SIFA_METRICS_TOKEN = os.environ.get("SIFA_METRICS_TOKEN", "")
# Monitoring asks the application server itself, over plain HTTP on the loopback or the private network: the
# checks and the scrape are not redirected to HTTPS (they hold no personal data and set no cookie).
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]

# Personal data never reaches the logs: requests are logged without bodies, the app logs ids only, and every
# handler masks whole ID and mobile numbers in whatever a record holds (sifa.core.logs). SIFA_LOG_FORMAT=json
# writes one JSON object a line for a log collector.
SIFA_LOG_FORMAT = os.environ.get("SIFA_LOG_FORMAT", "text").strip().lower()
if SIFA_LOG_FORMAT not in ("text", "json"):
    raise ValueError(f"SIFA_LOG_FORMAT must be text or json, not {SIFA_LOG_FORMAT!r}")
SIFA_LOG_LEVEL = os.environ.get("SIFA_LOG_LEVEL", "WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"personal_data": {"()": "sifa.core.logs.PersonalDataFilter"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        "json": {"()": "sifa.core.logs.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": SIFA_LOG_FORMAT,
                             "filters": ["personal_data"]}},
    "root": {"handlers": ["console"], "level": SIFA_LOG_LEVEL},
    # Django's own loggers go through the same masked handler (its defaults have handlers of their own).
    "loggers": {
        "django": {"handlers": [], "level": "INFO" if DEBUG else SIFA_LOG_LEVEL, "propagate": True},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
