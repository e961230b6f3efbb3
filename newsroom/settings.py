"""Newsroom settings, driven by environment variables (see README).

Laptop defaults: SQLite in WAL mode under var/, local media, local-memory cache.
Production: set SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, REDIS_URL and HTTPS=1.
"""

import datetime
import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {
        "1",
        "true",
        "yes",
        "on",
    }


def env_list(name, default):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and not env_bool("NEWSROOM_INSECURE_DEV_KEY"):
        raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=1 on a laptop).")
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "newsroom.apps.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.forms",  # its widget templates, for FORM_RENDERER below
    "taggit",
    "django_prose_editor",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "articles",
]

# Widgets render from the project's templates too (the image chooser's cover field).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "articles.integrity.request_size.RequestSizeLimitMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    # Cached pages for readers without a session, before sessions, CSRF and auth run.
    "articles.delivery.fast_path.CachedPageFastPath",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "articles.accounts.throttle.LoginThrottleMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "articles.workflow.audit.AuditRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "newsroom.csp.AdminAllowancesCSPMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
    {
        # Readers' pages (articles/delivery/reader_templates.py says why they are Jinja2).
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "articles.delivery.reader_templates.environment",
            "context_processors": ["articles.delivery.context.site"],
        },
    },
]

# Database: SQLite tuned for a multi-process web server unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'newsroom.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
SQLITE_SYNCHRONOUS = os.environ.get("SQLITE_SYNCHRONOUS", "NORMAL").upper()
if SQLITE_SYNCHRONOUS not in {"NORMAL", "FULL", "EXTRA"}:
    raise ImproperlyConfigured("SQLITE_SYNCHRONOUS is NORMAL, FULL or EXTRA.")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # Writers queue for the lock instead of failing with "database is locked".
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        # NORMAL survives any process crash (kill -9); FULL also the last commit on power loss.
        "init_command": f"PRAGMA journal_mode=WAL; PRAGMA synchronous={SQLITE_SYNCHRONOUS};",
    }
    # A file, not memory, so live-server tests see real concurrent writers.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
# A read replica (PostgreSQL streaming replication): readers' public pages read it
# (newsroom/replica.py says exactly when). In tests it mirrors the primary's test database.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
        conn_health_checks=True,
    ) | {"TEST": {"MIRROR": "default"}}
    DATABASE_ROUTERS = ["newsroom.replica.PrimaryReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
        "newsroom.replica.ReplicaReadsMiddleware",
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Search: the database's own engine (FTS5 or PostgreSQL), or Tantivy for relevance over every
# match in a large archive on one machine (articles/search/tantivy_engine.py).
NEWSROOM_SEARCH_BACKEND = os.environ.get("SEARCH_BACKEND", "database")
if NEWSROOM_SEARCH_BACKEND not in {"database", "tantivy"}:
    raise ImproperlyConfigured("SEARCH_BACKEND is database or tantivy.")
NEWSROOM_TANTIVY_INDEX_DIR = os.environ.get("TANTIVY_INDEX_DIR", str(VAR_DIR / "search-tantivy"))

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    REDIS_CACHE = {
        "BACKEND": "newsroom.cache.FailSafeRedisCache",  # Redis down: misses, not errors
        "LOCATION": REDIS_URL,
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "newsroom"),
    }
    CACHES = {"default": REDIS_CACHE}
else:
    # Files, not process memory: every gunicorn worker must see the same content version.
    CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.SparselyCulledFileCache",
            "LOCATION": os.environ.get("CACHE_DIR", str(VAR_DIR / "cache")),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
    }
# Rendered pages live in a cache every worker and node shares (Redis, or files on one
# machine), so whichever worker answers, a reader gets the same page: rendered once per
# site after an edit, not once per worker. Their keys carry the content version.
if REDIS_URL:
    CACHES["pages"] = REDIS_CACHE | {"KEY_PREFIX": REDIS_CACHE["KEY_PREFIX"] + ":pages"}
else:
    CACHES["pages"] = {
        "BACKEND": "newsroom.cache.SparselyCulledFileCache",
        "LOCATION": os.environ.get("PAGE_CACHE_DIR", str(VAR_DIR / "cache" / "pages")),
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }

# Logging in: django-axes locks a username out from an address after five failures, for
# fifteen minutes, recorded in the database (every worker and node agrees); before that,
# a flood from one address is refused before any password is hashed.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "articles.delivery.audience.client_address"
AXES_LOCKOUT_TEMPLATE = "429.html"
AXES_VERBOSE = False
NEWSROOM_LOGIN_ATTEMPTS_PER_MINUTE = int(os.environ.get("LOGIN_ATTEMPTS_PER_MINUTE", 10))
# Roles (writer, editor, chief, site_admin) that must sign in with an authenticator app.
NEWSROOM_TWO_FACTOR_ROLES = env_list("TWO_FACTOR_ROLES", "")
OTP_TOTP_ISSUER = os.environ.get("SITE_NAME", "Newsroom")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "zh-hans")
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # whitenoise's storage, also recording the hashes check_integrity compares (integrity/file_manifest.py)
    "staticfiles": {"BACKEND": "articles.integrity.file_manifest.ManifestStaticStorage"},
}
# /favicon.ico and other files that must live at the site's root, served by whitenoise.
WHITENOISE_ROOT = BASE_DIR / "static" / "root"
# Served by Django only for local media; behind a proxy, serve /media/ from the proxy.
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)

# Media on S3-compatible storage (django-storages; AWS, MinIO, Ceph, OSS …): set the bucket,
# or MEDIA_URL=s3://bucket/folder. Credentials are boto3's own (AWS_ACCESS_KEY_ID …, or an
# instance role). URLs are public and unsigned: stored names are random (integrity/uploads.py).
_media_url = os.environ.get("MEDIA_URL", "")
_s3_media = urlsplit(_media_url) if _media_url.startswith("s3://") else None
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME") or (_s3_media.netloc if _s3_media else "")
MEDIA_ORIGINS = []  # where images come from besides this site (the CSP's img-src)
if AWS_STORAGE_BUCKET_NAME:
    _endpoint = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    _domain = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "location": _s3_media.path.strip("/") if _s3_media else os.environ.get("AWS_LOCATION", ""),
            "endpoint_url": _endpoint,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": _domain,
            "querystring_auth": False,
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=2592000"},
        },
    }
    SERVE_MEDIA = False
    MEDIA_ORIGINS = [
        f"https://{_domain}"
        if _domain
        else _endpoint or f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com"
    ]

# Uploads: anything over this is written to a temporary file, never held in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
NEWSROOM_MAX_IMAGE_BYTES = int(os.environ.get("MAX_IMAGE_BYTES", 10 * 1024 * 1024))
# One request (several images at once, say) may carry at most this much.
NEWSROOM_MAX_REQUEST_BYTES = int(os.environ.get("MAX_REQUEST_BYTES", 100 * 1024 * 1024))
NEWSROOM_MAX_IMAGE_PIXELS = int(os.environ.get("MAX_IMAGE_PIXELS", 40_000_000))
# Stored images are scaled down to this width (renditions go up to 1920 px).
NEWSROOM_MAX_IMAGE_WIDTH = int(os.environ.get("MAX_IMAGE_WIDTH", 2560))
# An article body (its HTML) longer than this is a form error that keeps the editor's input;
# the request limit sits above it so the form, not a bare 400 page, answers.
NEWSROOM_MAX_BODY_CHARS = int(os.environ.get("MAX_BODY_CHARS", 500_000))
DATA_UPLOAD_MAX_MEMORY_SIZE = max(16 * 1024 * 1024, 4 * NEWSROOM_MAX_BODY_CHARS)

TAGGIT_CASE_INSENSITIVE = True
NEWSROOM_SITE_NAME = os.environ.get("SITE_NAME", "新闻中心 Newsroom")
# The site's public address: every absolute link (canonical, feeds, sitemaps, share
# links) is built from it, never from the request's Host header.
NEWSROOM_SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Text that intruders inject (articles/integrity/spam.py): the admin warns on save,
# publishing refuses, check_integrity reports it. Brands are matched in any spelling
# (traditional, full-width, separated, pinyin); brand words that are also ordinary words
# only beside a promotion word; gambling terms only when promoted, never in news about them.
NEWSROOM_SPAM_BRANDS = [
    "半岛综合体育", "开云体育", "华体会", "乐鱼体育", "米乐体育", "必威体育", "博鱼体育", "九游会",
    "亚博体育", "欧宝体育", "雷竞技", "爱游戏体育", "bob体育", "星空体育", "澳门新葡京", "威尼斯人娱乐",
    "金沙娱乐", "太阳城娱乐", "皇冠体育", "沙巴体育", "kaiyun", "huatihui", "leyu sports", "bet365",
]  # fmt: skip
NEWSROOM_SPAM_BRAND_WORDS = [
    "半岛",
    "开云",
    "乐鱼",
    "米乐",
    "必威",
    "博鱼",
    "九游",
    "亚博",
    "欧宝",
    "星空",
    "爱游戏",
    "bob",
]
NEWSROOM_GAMBLING_TERMS = [
    "六合彩",
    "百家乐",
    "时时彩",
    "博彩",
    "赌场",
    "老虎机",
    "真人娱乐",
    "体育投注",
    "足球投注",
    "棋牌",
]
# Links in article bodies to other sites are reported unless their domain (or a parent) is listed.
NEWSROOM_LINK_ALLOWLIST = env_list(
    "LINK_ALLOWLIST", "gov.cn,edu.cn,people.com.cn,xinhuanet.com,news.cn,cctv.com,chinadaily.com.cn"
)
NEWSROOM_FILE_MANIFEST = os.environ.get("FILE_MANIFEST", str(VAR_DIR / "file-manifest.json"))
# Who gets the periodic integrity scan's new findings (and server errors) by email: a,b@…
ADMINS = [("Newsroom admin", address) for address in env_list("ADMINS", "")]
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", "newsroom@localhost")
EMAIL_SUBJECT_PREFIX = "[Newsroom] "
NEWSROOM_SPAM_PATTERNS = [p for p in os.environ.get("EXTRA_SPAM_PATTERNS", "").split("||") if p]

# One-person sites may let a reviewer approve their own writing; off, as 三审 requires.
NEWSROOM_ALLOW_SELF_APPROVAL = env_bool("ALLOW_SELF_APPROVAL")
# How long a share link to an unpublished article works (days), for reviewers without an account.
NEWSROOM_SHARE_LINK_DAYS = int(os.environ.get("SHARE_LINK_DAYS", 7))

# Public pages are cached this long at most; any editorial change makes them stale at once.
NEWSROOM_PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", 600))
# Pages that show the most-viewed lists (home, categories) are at most this old.
NEWSROOM_POPULAR_SECONDS = int(os.environ.get("POPULAR_SECONDS", 60))
# Each worker keeps the pages it served last in memory too (articles/delivery/pages.py).
NEWSROOM_PAGE_MEMORY_BYTES = int(os.environ.get("PAGE_MEMORY_MB", 2)) * 1024 * 1024
# Behind a caching proxy or CDN: let it keep public pages this long, and count views
# with an uncached image beacon instead of in the page itself (see README).
NEWSROOM_PROXY_CACHE_SECONDS = int(os.environ.get("PROXY_CACHE_SECONDS", 0))
# Views are written in batches this often per worker (0: every view at once); see README.
NEWSROOM_VIEW_FLUSH_SECONDS = float(os.environ.get("VIEW_FLUSH_SECONDS", 2))
# One address counts at most this many views of one article an hour (0: no cap). Many
# readers can share an address (a school, an office), so keep it well above one.
NEWSROOM_VIEWS_PER_ADDRESS = int(os.environ.get("VIEWS_PER_ADDRESS", 30))
# How many proxies in front of gunicorn append to X-Forwarded-For (nginx: 1). The
# reader's address for the view cap and login throttling is the one the nearest saw.
NEWSROOM_TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", 0))
# Count a reader once per article per this many seconds (a signed cookie); 0 counts every view.
NEWSROOM_VIEW_WINDOW_SECONDS = int(os.environ.get("VIEW_COUNT_WINDOW", 0))

# Security headers; HTTPS=1 switches on what needs TLS in front of the site.
HTTPS = env_bool("HTTPS")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", 31536000)) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:", *MEDIA_ORIGINS],
        "style-src": ["'self'"],  # the admin adds 'unsafe-inline' (newsroom/csp.py)
        "script-src": ["'self'"],  # the admin adds its editor's import map by hash
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# Errors to Sentry (or a compatible service, GlitchTip) when SENTRY_DSN is set: no personal data
# (addresses, cookies, users) is sent, and no performance traces unless asked for.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        send_default_pii=False,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", 0)),
    )

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "newsroom.logs.JsonFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"}
        | ({"formatter": "json"} if os.environ.get("LOG_FORMAT") == "json" else {})
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
