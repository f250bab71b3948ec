"""One settings module for every environment, driven by environment variables.

With nothing set it runs as a development copy on an embedded SQLite database;
production sets DEBUG=0, SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL.
"""

import os
from pathlib import Path
from typing import TypeVar

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
Number = TypeVar("Number", int, float)


def env_bool(name: str, default: bool) -> bool:
    """A yes/no variable; anything but the usual words is refused, so a typo never reads as "off"."""
    value = os.environ.get(name)
    if value is None:
        return default
    word = value.strip().lower()
    if word in {"1", "true", "yes", "on"}:
        return True
    if word in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no, on/off; got {value!r}.")


def env_number(name: str, default: Number) -> Number:
    """A number of the default's type (int or float); anything else is refused, naming the variable."""
    value = os.environ.get(name)
    if value is None:
        return default
    try:
        return type(default)(value)
    except ValueError:
        kind = "a whole number" if isinstance(default, int) else "a number"
        raise ImproperlyConfigured(f"{name} must be {kind}; got {value!r}.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "development-only-key-never-used-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "treebeard",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "config.apps.AxesConfig",  # django-axes, named in Vietnamese
    "accounts",
    "conferences",
    "reporting",
]

MIDDLEWARE = [
    # Outermost, so every response carries them, static files and refusals included.
    "config.middleware.SecurityHeaders",
    "csp.middleware.CSPMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.FirstPasswordChange",
    "config.middleware.MethodNotAllowedPage",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its own response.
    "axes.middleware.AxesMiddleware",
]

if not DEBUG:
    # In production the application serves its own collected static files.
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
        "whitenoise.middleware.WhiteNoiseMiddleware",
    )

# Scripts, styles, images and fonts from the site itself only: no inline script or style
# attribute anywhere (a chart's size is set from a data attribute by its script).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],  # Bootstrap draws its form icons as data: SVGs
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Browser features the site never uses, refused to every page and anything it might embed.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()"
)

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
                "reporting.results.selectors.waiting_count",
            ],
        },
    },
]

# Embedded default: SQLite in the project folder. DATABASE_URL switches to
# PostgreSQL in production, e.g. postgres://user:pass@host:5432/dbname.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_number("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several gunicorn workers writing at once: take the write lock when a transaction
    # starts (no "database is locked" on upgrade), wait for it, and let readers go on (WAL).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    # Counts failed sign-ins and locks the account and address out for a while.
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.SignInBackend",
]
AXES_FAILURE_LIMIT = env_number("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_number("AXES_COOLOFF_HOURS", 0.25)  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Reverse proxies in front of gunicorn that append to X-Forwarded-For (the documented nginx: 1).
# With none, the default, the header is ignored: a client could write anything in it.
TRUSTED_PROXY_COUNT = env_number("TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured(f"TRUSTED_PROXY_COUNT must be 0 or more; got {TRUSTED_PROXY_COUNT}.")
AXES_CLIENT_IP_CALLABLE = "accounts.client_address.client_address"
# Failed attempts keep the request's form fields; these never reach the database in clear.
AXES_SENSITIVE_PARAMETERS = ["old_password", "new_password1", "new_password2"]

# Django's own, first (every password a person sets), and the one-time passwords' (accounts.hashers).
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    "accounts.hashers.OneTimePasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "accounts.validators.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
# The project's own Vietnamese for Django's messages where Django's read badly (locale/vi/LC_MESSAGES/django.po).
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Vietnamese number formats: "." groups thousands, "," is the decimal mark.
USE_THOUSAND_SEPARATOR = True
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
# WhiteNoise serves the static files itself (no CDN: offices sit on closed networks);
# in production they are collected, compressed and named by content hash.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
STATICFILES_DIRS = [BASE_DIR / "static"]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Production hardening applies whenever DEBUG is off.
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_number("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    CSRF_COOKIE_HTTPONLY = True
    SESSION_COOKIE_AGE = env_number("SESSION_COOKIE_AGE", 8 * 3600)  # one working day
    X_FRAME_OPTIONS = "DENY"

LOG_LEVEL = os.environ.get("LOG_LEVEL", "WARNING")
# Everything to standard error, where gunicorn, systemd and Celery collect it;
# server errors (django.request) always show, with their traceback; a refusal (403, 400)
# is one line saying who, where and why.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"}},
    "filters": {"client_error_one_line": {"()": "config.log_filters.ClientErrorOneLine"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stderr"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["stderr"], "level": LOG_LEVEL, "propagate": False},
        "django.request": {"filters": ["client_error_one_line"]},
        # A token's certificate from an authority not named here is an expected answer, told to the person; pyHanko
        # would log it as a warning with a traceback.
        "pyhanko": {"level": "ERROR"},
    },
}

# Ký số: the PKCS#12 certificate issued reports are signed with. The default is
# the self-made TEST certificate in fixtures/signing/ (see its README); set both
# variables to the committee's own certificate in production.
REPORT_SIGNING_PKCS12 = Path(
    os.environ.get("REPORT_SIGNING_PKCS12", BASE_DIR / "fixtures" / "signing" / "demo-signer.p12")
)
REPORT_SIGNING_PASSPHRASE = os.environ.get("REPORT_SIGNING_PASSPHRASE", "demo-ky-so" if DEBUG else "")
# Each committee's own certificate and key (uploaded by the administrator) are kept sealed with a key derived
# from this secret; production sets a long random one and keeps it apart from the database's backups.
REPORT_KEYS_SECRET = os.environ.get("REPORT_KEYS_SECRET", "demo-khoa-ky-so" if DEBUG else "")
# Workers load WeasyPrint, the fonts and the signer when they start, not on a user's first click.
REPORT_WARM_UP = env_bool("REPORT_WARM_UP", not DEBUG)
# An RFC 3161 time-stamping authority (e.g. the national CA's); empty: the signature carries the server's time.
REPORT_TIMESTAMP_URL = os.environ.get("REPORT_TIMESTAMP_URL", "")
# The root certificates (a PEM file) of the authorities whose certificates a leader's own signing token may carry,
# e.g. the Government Cipher Committee's; empty: any sound signature over the file given out is accepted.
REPORT_TOKEN_TRUST_ROOTS = os.environ.get("REPORT_TOKEN_TRUST_ROOTS", "")
if REPORT_TOKEN_TRUST_ROOTS and not Path(REPORT_TOKEN_TRUST_ROOTS).is_file():
    raise ImproperlyConfigured(f"REPORT_TOKEN_TRUST_ROOTS names no file: {REPORT_TOKEN_TRUST_ROOTS!r}.")

# Background work (Celery). With CELERY_BROKER_URL set (e.g. redis://127.0.0.1:6379/0) renders,
# signing and reminders go to a worker; without it, the embedded default, they run inline in the
# request, so `make run` needs no server.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL") or None
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND") or None
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL is None
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True  # an export's outcome is kept on its ExportJob row
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# No job runs for ever: stopped after ten minutes (the soft limit first, so the job records why); a job nobody
# finishes is given up after reporting.jobs.services.GIVEN_UP_AFTER.
CELERY_TASK_SOFT_TIME_LIMIT = 9 * 60
CELERY_TASK_TIME_LIMIT = 10 * 60
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    # Nhắc báo cáo: units due within 3 days or overdue, and their committee's staff.
    "send-reminders": {"task": "reporting.jobs.tasks.send_reminders", "schedule": crontab(hour=7, minute=0)},
    "delete-old-jobs": {"task": "reporting.jobs.tasks.delete_old_jobs", "schedule": crontab(hour=3, minute=30)},
    # Uploads waiting for confirmation past their hour: every hour, so none lies about for long.
    "delete-expired-previews": {
        "task": "reporting.jobs.tasks.delete_expired_previews",
        "schedule": crontab(minute=20),
    },
}

# Email: printed to the console unless EMAIL_BACKEND says otherwise (smtp with EMAIL_HOST …).
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_number("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Học tập nghị quyết <khong-tra-loi@localhost>")
# Links in emails point here (no request to take the host from).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
