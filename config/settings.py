"""Settings for local use and tests. Production overrides live in config/production.py."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = BASE_DIR / "data"

SECRET_KEY = env_str("SECRET_KEY", "insecure-development-key-do-not-use-in-production")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

# Demo mode creates demo accounts and shows their credentials on the sign-in page.
DEMO_MODE = env_bool("DEMO_MODE", False)

# Who runs this instance of the platform: named in the header, and in the footer's licence and copyright lines.
OPERATOR_NAME = env_str("OPERATOR_NAME", "Local Government Association")
CONTENT_LICENCE = env_str(
    "CONTENT_LICENCE", "All content is available under the Open Government Licence v3.0, except where otherwise stated"
)
COPYRIGHT = env_str("COPYRIGHT", f"© {OPERATOR_NAME}")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "django_tasks",
    "django_tasks_db",
    # Django Ninja serves Swagger UI's own copy of its assets for /api/docs (no CDN) once it is an app.
    "ninja",
    "productivity.core",
    "productivity.imports",
    "productivity.organisations",
    "productivity.accounts",
    "productivity.audit",
    "productivity.programme",
    "productivity.estate",
    "productivity.procurement",
    "productivity.reports",
    "productivity.overview",
]

MIDDLEWARE = [
    "productivity.core.middleware.ContentSecurityPolicyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "productivity.accounts.middleware.TemporaryPasswordMiddleware",
    "productivity.core.middleware.RefuseNulMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "productivity.audit.middleware.AuditUserMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        # Each app keeps its Jinja2 templates in <app>/templates/<app>/.
        "DIRS": [BASE_DIR / "productivity" / "templates", *sorted(BASE_DIR.glob("productivity/*/templates"))],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "config.jinja2.environment",
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.messages.context_processors.messages",
                "productivity.accounts.context_processors.platform",
            ],
        },
    },
    {
        # Django templates only for the admin.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The worker and the web server share the file. WAL lets people read while an import writes; writers
    # wait for the lock (imports hold it only for short batches) instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update({
        "timeout": env_int("SQLITE_BUSY_TIMEOUT_SECONDS", 30),
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    })
    # The yearly spend summaries' covering indexes (INCLUDE columns, for index-only scans on PostgreSQL) are
    # plain indexes on SQLite, which has no INCLUDE: the same queries, answered from the index and the table.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]

# The page cache (productivity/core/page_cache.py): costly read-only pages are kept in each process's memory and
# served again until anything is written (the data version, which every process reads, changes with each write)
# or the day changes. PAGE_CACHE_SECONDS bounds how long a page is kept (0 turns the cache off);
# PAGE_CACHE_MAX_ENTRIES how many pages each process keeps (the least recently used go first).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"},
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "TIMEOUT": PAGE_CACHE_SECONDS,
        "OPTIONS": {"MAX_ENTRIES": env_int("PAGE_CACHE_MAX_ENTRIES", 500)},
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "overview:your-work"
LOGOUT_REDIRECT_URL = "home"

# Login throttling: lock an account/IP pair out for 15 minutes after 5 failures.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_CALLABLE = "productivity.accounts.views.locked_out"
AXES_VERBOSE = False
# Behind reverse proxies every request comes from the nearest proxy's address. TRUSTED_PROXY_COUNT is how many
# proxies you run in front of the platform, each adding the address it saw to X-Forwarded-For; the real client
# is the address the outermost one saw. 0 (the default) trusts no header and uses the connection's address.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "productivity.accounts.client_ip.client_ip"

# Personal API tokens stop working this many days after they are created.
API_TOKEN_LIFETIME_DAYS = env_int("API_TOKEN_LIFETIME_DAYS", 365)

# Email: password resets and notifications. The console backend prints each message to the log (demo mode
# and development); production sends through SMTP (config/production.py). Links in emails start SITE_URL.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Productivity Platform <no-reply@localhost>")
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT_SECONDS", 60 * 60 * 3)
# Reset links asked for in an hour, at most, per email address and per client address (TRUSTED_PROXY_COUNT).
PASSWORD_RESET_LIMIT_PER_ADDRESS = env_int("PASSWORD_RESET_LIMIT_PER_ADDRESS", 3)
PASSWORD_RESET_LIMIT_PER_CLIENT = env_int("PASSWORD_RESET_LIMIT_PER_CLIENT", 10)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 8
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Content-Security-Policy on every response (productivity.core.middleware): this site's own origin only. Each
# page's inline GOV.UK Frontend script carries a per-request nonce. CSP_EXTRA_SOURCES adds sources to a
# directive; a URL is reduced to its origin ("{s}" subdomains become "*"). MAP_TILES_URL (below), when set, adds
# its origin to img-src (productivity.core.csp.configured_extra); unset, the policy stays this site's own.
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
CSP_EXTRA_SOURCES: dict[str, list[str]] = {}

# A background tile layer for the estate's maps, such as https://tile.openstreetmap.org/{z}/{x}/{y}.png with
# MAP_TILES_ATTRIBUTION "© OpenStreetMap contributors". Unset (the default), the maps draw the shipped
# boundaries alone and the platform asks nothing of another site.
MAP_TILES_URL = env_str("MAP_TILES_URL").strip()
MAP_TILES_ATTRIBUTION = env_str("MAP_TILES_ATTRIBUTION").strip()
if MAP_TILES_URL and not (MAP_TILES_URL.startswith("https://") or MAP_TILES_URL.startswith("http://")) or (
        MAP_TILES_URL and not all(part in MAP_TILES_URL for part in ("{z}", "{x}", "{y}"))):
    raise ImproperlyConfigured("MAP_TILES_URL must be a tile URL template such as "
                               f"https://tile.example.org/{{z}}/{{x}}/{{y}}.png, not {MAP_TILES_URL!r}")

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    ("govuk", BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
    ("leaflet", BASE_DIR / "node_modules" / "leaflet" / "dist"),
    ("leaflet-markercluster", BASE_DIR / "node_modules" / "leaflet.markercluster" / "dist"),
    ("axe", BASE_DIR / "node_modules" / "axe-core"),
    BASE_DIR / "productivity" / "static",
    # `make css` compiles productivity/styles/ (GOV.UK Frontend's Sass in the platform's identity) here.
    BASE_DIR / "build" / "static",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media/"

# Evidence files and imports: keep uploads bounded.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.request": {"level": "ERROR"}, "axes": {"level": "WARNING"}},
}
CSRF_FAILURE_VIEW = "productivity.core.views.csrf_failure"

# Serve static files straight from their sources in development; production runs collectstatic.
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", True)
WHITENOISE_AUTOREFRESH = env_bool("WHITENOISE_AUTOREFRESH", True)
AXES_ENABLE_ACCESS_FAILURE_LOG = False

# Imports with more rows than this run in the background worker; smaller ones run during the request.
IMPORT_INLINE_MAX_ROWS = env_int("IMPORT_INLINE_MAX_ROWS", 1000)
# Bounds on what one import reads (each refusal names its setting), so memory stays flat whatever the file.
IMPORT_MAX_UPLOAD_BYTES = env_int("IMPORT_MAX_UPLOAD_BYTES", 50 * 1024 * 1024)
IMPORT_MAX_UNCOMPRESSED_BYTES = env_int("IMPORT_MAX_UNCOMPRESSED_BYTES", 300 * 1024 * 1024)
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 2_000_000)
IMPORT_MAX_COLUMNS = env_int("IMPORT_MAX_COLUMNS", 250)
IMPORT_MAX_CELL_CHARS = env_int("IMPORT_MAX_CELL_CHARS", 32_767)  # Excel's own limit
# Programme records are checked without writing, then saved whole in one transaction, during which others'
# writes wait on SQLite (reads do not): 2,000 rows save in about 10 seconds, well within the busy timeout.
IMPORT_ALL_OR_NOTHING_MAX_ROWS = env_int("IMPORT_ALL_OR_NOTHING_MAX_ROWS", 2000)
IMPORT_MAX_PROBLEMS = env_int("IMPORT_MAX_PROBLEMS", 1000)  # problems kept per import; the rest are counted
# A running import beats every second; this long without a beat and it is failed as stopped.
IMPORT_STALE_SECONDS = env_int("IMPORT_STALE_SECONDS", 120)
IMPORT_QUEUED_STALE_SECONDS = env_int("IMPORT_QUEUED_STALE_SECONDS", 3600)  # no worker has picked it up
IMPORT_KEEP_UPLOADS_DAYS = env_int("IMPORT_KEEP_UPLOADS_DAYS", 7)  # files of runs left waiting or failed

# Procurement, the supplier register (the suppliers area): how alike two supplier names must be (0-100) to be one
# supplier unasked, and to be proposed for review.
PROCUREMENT_MATCH_AUTOMATIC = env_int("PROCUREMENT_MATCH_AUTOMATIC", 95)
PROCUREMENT_MATCH_REVIEW = env_int("PROCUREMENT_MATCH_REVIEW", 85)
