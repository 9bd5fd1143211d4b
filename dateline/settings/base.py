"""Every setting Dateline has, read from the environment with defaults that run a complete site.

The defaults give a working site on SQLite (WAL) and a local-memory cache; production sets
DATABASE_URL, REDIS_URL, SECRET_KEY and ALLOWED_HOSTS. Every variable is listed in the README.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONCE
from django.utils.translation import gettext_lazy as _

from dateline.core.languages import language_names, search_config_for
from dateline.search.config import search_backends

PACKAGE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DATA_DIR = Path(env.str("DATELINE_DATA_DIR", default=str(Path.cwd() / "data"))).resolve()

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

DATELINE_SITE_NAME = env.str("DATELINE_SITE_NAME", default="Dateline")
DATELINE_OUTLET_CODE = env.str("DATELINE_OUTLET_CODE", default="DL")
DATELINE_BASE_URL = env.str("DATELINE_BASE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "dateline.core",
    "dateline.accounts",
    "dateline.photos",
    "dateline.audio",
    "dateline.news",
    "dateline.comments",
    "dateline.feeds",
    "dateline.search",
    "dateline.newsletters",
    "dateline.live",
    "dateline.readership",
    "dateline.podcasts",
    "dateline.home",
    "dateline.ingest",
    "dateline.ingest.wordpress",
    "dateline.api",
    "dateline.demo",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    # The read API (dateline.api); listed so its docs page uses the Swagger UI files it ships, not a CDN.
    "ninja",
    # Staff sign-in: second factor (TOTP and recovery codes) and throttling (dateline.accounts).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Above the page cache, so error pages, the 503 page and cached pages carry them too (core.security_headers).
    "dateline.core.security_headers.PermissionsPolicyMiddleware",
    "dateline.core.security_headers.ContentSecurityPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Serves cached pages to anonymous readers before any session, auth, CSRF or locale work.
    "dateline.core.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # The request's Wagtail site from a per-process memo that every purge clears (core.memo).
    "dateline.core.middleware.SiteMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Staff sessions end after inactivity; the admin asks for the second factor (dateline.accounts).
    "dateline.accounts.middleware.IdleSessionMiddleware",
    "dateline.accounts.middleware.SecondFactorMiddleware",
    # Control characters, over-long URLs and oversize bodies get 400, 414, 413 before any lookup.
    "dateline.core.guards.RequestGuardMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Finds an article in one query before Wagtail walks the page tree (news.routing).
    "dateline.news.routing.ArticleRouteMiddleware",
    # Turns a sign-in refused for too many failures into our "try again later" page (last, as axes asks).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "dateline.urls"
WSGI_APPLICATION = "dateline.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "dateline.core.context_processors.site_frame",
            ],
        },
    },
]

# Database: a SQLite file in WAL mode under the data folder unless DATABASE_URL says otherwise.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'dateline.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers run beside the one writer; IMMEDIATE takes the write lock up front so
        # concurrent writers wait (busy timeout) instead of failing with "database is locked".
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# Cache: local memory unless REDIS_URL is set, then Redis shared by every app process.
# Renditions get their own alias: Wagtail looks them up on every {% image %} (see ANCHORS.md).
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    _redis = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": REDIS_URL,
        "OPTIONS": {
            # A stopped Redis means cache misses, not errors (pages keep serving).
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 0.5,
            "SOCKET_TIMEOUT": 0.5,
        },
    }
    CACHES = {
        "default": {**_redis, "KEY_PREFIX": "dl"},
        "renditions": {**_redis, "KEY_PREFIX": "dlr", "TIMEOUT": 60 * 60 * 24 * 7},
        # Sign-in and password-reset counters (dateline.accounts), shared by every app process.
        "logins": {**_redis, "KEY_PREFIX": "dla"},
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "dateline"},
        "renditions": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "dateline-renditions",
            "TIMEOUT": 60 * 60 * 24 * 7,
            "OPTIONS": {"MAX_ENTRIES": 20000},
        },
    }

# Whole pages for anonymous readers (dateline.core.middleware.PageCacheMiddleware), shared by every
# process (app workers, the task worker, cron's publish_scheduled) so that a purge reaches them all:
# Redis when set, else files under the data folder.
if REDIS_URL:
    CACHES["pages"] = {**_redis, "KEY_PREFIX": "dlp"}
else:
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "cache" / "pages"),
        "OPTIONS": {"MAX_ENTRIES": 10000},
    }
    # Sign-in and password-reset counters, shared by every app process without Redis too.
    CACHES["logins"] = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "cache" / "logins"),
    }

# Staff sign-in (dateline.accounts, docs/deployment.md "Staff sign-in"). The throttle refuses even the
# right password once a username or an address has failed too often, until the cool-down has passed.
AUTHENTICATION_BACKENDS = [
    "dateline.accounts.backends.SignInThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
DATELINE_LOGIN_FAILURE_LIMIT = env.int("DATELINE_LOGIN_FAILURE_LIMIT", default=5)
DATELINE_LOGIN_COOLOFF_MINUTES = env.int("DATELINE_LOGIN_COOLOFF_MINUTES", default=15)
AXES_FAILURE_LIMIT = DATELINE_LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=DATELINE_LOGIN_COOLOFF_MINUTES)
# Counted apart: too many failures for one username, or from one address, each lock the door.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# Counters in the cache (keys are hashes): no client address is written to the database.
AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
AXES_CACHE = "logins"
# django-axes warns about any file cache: its increments are not atomic, so a burst of simultaneous
# attempts can be counted short. Every process of a one-host site shares it, which is what the
# throttle needs; Redis (REDIS_URL) makes the counts exact.
SILENCED_SYSTEM_CHECKS = [] if REDIS_URL else ["axes.W001"]
# The reader-address logic the comments use: X-Forwarded-For only from DATELINE_TRUSTED_PROXIES,
# IPv6 counted by its /64 (DATELINE_COMMENTS_IPV6_PREFIX).
AXES_CLIENT_IP_CALLABLE = "dateline.comments.privacy.client_network"
AXES_LOCKOUT_CALLABLE = "dateline.accounts.views.locked_out"
AXES_RESET_ON_SUCCESS = True
# Says "too many failures, paused for N minutes" on the sign-in page instead of "didn't match".
WAGTAILADMIN_USER_LOGIN_FORM = "dateline.accounts.forms.SignInForm"
AXES_VERBOSE = False
# Password reset e-mails: at most this many per address and per e-mail address ("count/seconds").
DATELINE_PASSWORD_RESET_RATE = env.str("DATELINE_PASSWORD_RESET_RATE", default="3/3600")
# The read API's limit per address (dateline.api): requests per second, minute, hour or day ("120/m").
DATELINE_API_RATE = env.str("DATELINE_API_RATE", default="120/m")
# Editors and administrators must pass a second factor (an authenticator app or a recovery code)
# before any admin page; false lets them in with the password alone. Reporters may opt in.
DATELINE_STAFF_2FA = env.bool("DATELINE_STAFF_2FA", default=True)
OTP_TOTP_ISSUER = DATELINE_SITE_NAME
# A staff session ends after this many minutes without a request, and in any case after
# SESSION_COOKIE_AGE seconds (12 hours unless set).
DATELINE_STAFF_IDLE_MINUTES = env.int("DATELINE_STAFF_IDLE_MINUTES", default=60)
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 12)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages, from one list of codes: the default language at /, each other under /<code>/; names,
# text direction and formats follow from the code (dateline.core.languages), and so does the
# PostgreSQL search configuration (DATELINE_SEARCH_CONFIGS). Wagtail keeps one page tree per locale.
DATELINE_LANGUAGES = env.list("DATELINE_LANGUAGES", default=["en", "es", "fr", "ar"])
# The names are translated by Django's own catalogues.
LANGUAGES = [(code, _(name)) for code, name in language_names(DATELINE_LANGUAGES)]
LANGUAGE_CODE = env.str("LANGUAGE_CODE", default=DATELINE_LANGUAGES[0])
if LANGUAGE_CODE not in DATELINE_LANGUAGES:
    raise ValueError(f"LANGUAGE_CODE {LANGUAGE_CODE} is not in DATELINE_LANGUAGES: add it there, or set one listed.")
DATELINE_SEARCH_CONFIGS = {code: search_config_for(code) for code in DATELINE_LANGUAGES}
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# Newsroom date styles per language ("February 20, 2026, 14:05 CET"): dateline/locale/<lang>/formats.py.
FORMAT_MODULE_PATH = ["dateline.locale"]
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(DATA_DIR / "static")))
# The site frame's own files (dateline/static/dateline/): not an app folder, so listed here.
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(DATA_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Wagtail
WAGTAIL_SITE_NAME = DATELINE_SITE_NAME
WAGTAILADMIN_BASE_URL = DATELINE_BASE_URL
WAGTAILIMAGES_IMAGE_MODEL = "photos.Photo"
WAGTAILIMAGES_IMAGE_FORM_BASE = "dateline.photos.forms.PhotoForm"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "gif", "avif"]
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "txt", "csv", "xlsx"]
# Documents are checked for what they really are and for size (dateline.core.uploads), and always
# served through Wagtail's view, which sends nosniff, Content-Disposition and a blocking CSP.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "dateline.core.uploads.DocumentForm"
DATELINE_DOCUMENTS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# The largest audio file the admin takes (dateline.audio.forms): about 40 minutes of 64 kbit/s MP3.
DATELINE_AUDIO_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Request limits (dateline.core.guards), the same as deploy/varnish/dateline.vcl's: a longer URL gets
# 414, a larger body 413. Only the admin takes uploads, as large as the largest file it accepts.
DATELINE_MAX_URL_LENGTH = 8192
DATELINE_UPLOAD_PATH_PREFIXES = ["/admin/"]
DATELINE_MAX_UPLOAD_REQUEST_SIZE = max(WAGTAILIMAGES_MAX_UPLOAD_SIZE, DATELINE_DOCUMENTS_MAX_UPLOAD_SIZE) + 1024 * 1024
# Except the WordPress import's upload (Settings -> Import from WordPress, superusers only): a
# newsroom's export runs to hundreds of megabytes. Path prefix -> bytes, checked before the above.
DATELINE_IMPORT_MAX_UPLOAD_SIZE = 512 * 1024 * 1024
DATELINE_LARGE_UPLOAD_PATHS = {"/admin/import-wordpress/": DATELINE_IMPORT_MAX_UPLOAD_SIZE + 1024 * 1024}
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = True
WAGTAILEMBEDS_RESPONSIVE_HTML = True
TAGGIT_CASE_INSENSITIVE = True

# Reader comments (dateline.comments). What editors tune lives in the CommentSettings site setting;
# these are the operator's limits. Rates read "count/seconds": "5/600" is five posts in ten minutes.
DATELINE_COMMENTS_RATE_PER_ADDRESS = env.str("DATELINE_COMMENTS_RATE_PER_ADDRESS", default="5/600")
DATELINE_COMMENTS_RATE_PER_EMAIL = env.str("DATELINE_COMMENTS_RATE_PER_EMAIL", default="5/600")
DATELINE_COMMENTS_RETENTION_DAYS = env.int("DATELINE_COMMENTS_RETENTION_DAYS", default=365)
# Mixed with SECRET_KEY into the key that hashes readers' addresses and e-mails; changing either
# one forgets existing bans and rate-limit counters.
DATELINE_COMMENTS_HASH_SALT = env.str("DATELINE_COMMENTS_HASH_SALT", default="dateline-comments")
# Proof-of-work difficulty: the largest number a reader's browser may have to try (about a second).
DATELINE_COMMENTS_CAPTCHA_MAX_NUMBER = env.int("DATELINE_COMMENTS_CAPTCHA_MAX_NUMBER", default=150_000)
DATELINE_COMMENTS_CAPTCHA_EXPIRES = 10 * 60
# Rate limits and bans count an IPv6 reader by this network prefix (a provider gives each line a /64);
# changing it forgets existing IPv6 address bans.
DATELINE_COMMENTS_IPV6_PREFIX = env.int("DATELINE_COMMENTS_IPV6_PREFIX", default=64)
# Moderators get at most one e-mail about the queue per this many seconds (0: one per comment); the
# minute job tells them of what arrived in between.
DATELINE_COMMENTS_NOTICE_SECONDS = env.int("DATELINE_COMMENTS_NOTICE_SECONDS", default=300)
# Reverse proxies (IPs or CIDRs) whose X-Forwarded-For names the reader's address.
DATELINE_TRUSTED_PROXIES = env.list("DATELINE_TRUSTED_PROXIES", default=[])

# Search: Wagtail's database backend (SQLite FTS5, PostgreSQL full text) unless DATELINE_SEARCH_URL
# names an OpenSearch or Elasticsearch server for a large archive (see docs/search.md).
DATELINE_SEARCH_URL = env.str("DATELINE_SEARCH_URL", default="")
WAGTAILSEARCH_BACKENDS = search_backends(DATELINE_SEARCH_URL)

# Background work (purges, e-mail, renditions): in-process by default ("immediate"); "database" queues
# it in the database for the `dateline db_worker` process (pip install '.[production]').
DATELINE_TASKS_BACKEND = env.str("DATELINE_TASKS_BACKEND", default="immediate")
if DATELINE_TASKS_BACKEND == "database":
    INSTALLED_APPS.append("django_tasks_db")
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Caching and purging (docs/deployment.md, "Caching and purging"). Anonymous pages are public for
# shared caches (s-maxage) and revalidated by browsers (max-age, 0 by default, so a reader who just
# commented or an updated story is never hidden behind a browser's copy); every purge is exact.
DATELINE_SHARED_CACHE_SECONDS = env.int("DATELINE_SHARED_CACHE_SECONDS", default=600)
DATELINE_BROWSER_CACHE_SECONDS = env.int("DATELINE_BROWSER_CACHE_SECONDS", default=0)
DATELINE_NOT_FOUND_CACHE_SECONDS = 60
DATELINE_STALE_WHILE_REVALIDATE_SECONDS = 60
DATELINE_STALE_IF_ERROR_SECONDS = 60 * 60 * 24
# Left as their views make them, and served without looking up the Wagtail site: the comment
# challenge (private, no database) keeps answering while the database is down, so a reader's post
# then gets the clear 503 instead of a failed check.
DATELINE_UNCACHED_PATH_PREFIXES = [
    "/admin/",
    "/django-admin/",
    "/documents/",
    "/healthz",
    "/comments/challenge/",
    # The readership beacon: a POST answered 204 before any site lookup (dateline.readership).
    "/_views",
    STATIC_URL,
    MEDIA_URL,
]
# Messages in a cookie: the session is never touched (nor Vary: Cookie added) for anonymous readers.
MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"
# Purges (dateline.core.purge) are recorded in the database for the app's own caches, and sent to
# Varnish, Cloudflare and CloudFront when configured, through Wagtail's frontend-cache backends.
# Page URLs are per language already, so no language fan-out.
DATELINE_VARNISH_URLS = env.list("DATELINE_VARNISH_URL", default=[])
DATELINE_CLOUDFLARE_ZONE_ID = env.str("DATELINE_CLOUDFLARE_ZONE_ID", default="")
DATELINE_CLOUDFLARE_API_TOKEN = env.str("DATELINE_CLOUDFLARE_API_TOKEN", default="")
DATELINE_CLOUDFRONT_DISTRIBUTION_ID = env.str("DATELINE_CLOUDFRONT_DISTRIBUTION_ID", default="")
WAGTAILFRONTENDCACHE = {}
for _n, _url in enumerate(DATELINE_VARNISH_URLS):
    WAGTAILFRONTENDCACHE[f"varnish{_n}"] = {"BACKEND": "dateline.core.purge.VarnishBackend", "LOCATION": _url}
if DATELINE_CLOUDFLARE_ZONE_ID:
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": DATELINE_CLOUDFLARE_ZONE_ID,
        "BEARER_TOKEN": DATELINE_CLOUDFLARE_API_TOKEN,
    }
if DATELINE_CLOUDFRONT_DISTRIBUTION_ID:
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": DATELINE_CLOUDFRONT_DISTRIBUTION_ID,
    }
WAGTAILFRONTENDCACHE_LANGUAGES = []
# The app's own page cache (dateline.core.page_store), for sites with nothing in front; off by
# default when Varnish or a CDN is configured, since they keep the pages then. 0 turns it off.
DATELINE_PAGE_CACHE_SECONDS = env.int("DATELINE_PAGE_CACHE_SECONDS", default=0 if WAGTAILFRONTENDCACHE else 600)

# Production topology (deploy/README.md): who serves uploaded media and where it is kept.
# Behind Varnish without a media server, the app may serve MEDIA_ROOT itself and Varnish caches it.
DATELINE_SERVE_MEDIA = env.bool("DATELINE_SERVE_MEDIA", default=False)
# "filesystem" (MEDIA_ROOT) or "s3" (any S3-compatible store, with pip install '.[s3]' and AWS_*).
DATELINE_MEDIA_STORAGE = env.str("DATELINE_MEDIA_STORAGE", default="filesystem")
if DATELINE_MEDIA_STORAGE == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default=None),
            "region_name": env.str("AWS_S3_REGION_NAME", default=None),
            "access_key": env.str("AWS_ACCESS_KEY_ID", default=None),
            "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default=None),
            "custom_domain": env.str("AWS_S3_CUSTOM_DOMAIN", default=None),
            # Photos are public: plain URLs that Varnish and browsers can cache, no signed expiry.
            "querystring_auth": False,
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=31536000"},
        },
    }

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default=f"{DATELINE_SITE_NAME} <newsroom@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# E-mail newsletters (dateline.newsletters, docs/newsletters.md): sent through the EMAIL_URL backend
# (SMTP in production) in batches of this many messages per connection.
DATELINE_NEWSLETTER_FROM_EMAIL = env.str("DATELINE_NEWSLETTER_FROM_EMAIL", default=DEFAULT_FROM_EMAIL)
DATELINE_NEWSLETTER_BATCH_SIZE = env.int("DATELINE_NEWSLETTER_BATCH_SIZE", default=100)
# An address that unsubscribes by mail too (List-Unsubscribe mailto:); empty: the https link only.
DATELINE_NEWSLETTER_UNSUBSCRIBE_MAILTO = env.str("DATELINE_NEWSLETTER_UNSUBSCRIBE_MAILTO", default="")
# Sign-ups allowed per reader's network and per address, "count/seconds".
DATELINE_NEWSLETTER_RATE_PER_ADDRESS = env.str("DATELINE_NEWSLETTER_RATE_PER_ADDRESS", default="10/3600")
DATELINE_NEWSLETTER_RATE_PER_EMAIL = env.str("DATELINE_NEWSLETTER_RATE_PER_EMAIL", default="3/3600")
DATELINE_NEWSLETTER_CONFIRM_SECONDS = 48 * 60 * 60  # confirmation links expire; unconfirmed sign-ups go with them
DATELINE_NEWSLETTER_LEASE_SECONDS = 120  # a sending worker silent this long (on another host) is taken over
DATELINE_NEWSLETTER_MESSAGE_ID_DOMAIN = (
    DATELINE_BASE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "localhost"
)

# Security headers (dateline.core.security_headers). The public site runs no inline script or style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        # Scripts, styles, fonts and fetches fall back to default-src: only our own origin. Not
        # repeated per directive, since every shared response carries the header.
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "frame-src": [
            "https://www.youtube-nocookie.com",
            "https://www.youtube.com",
            "https://player.vimeo.com",
        ],
        # Wagtail's preview panel frames the page itself (rendered through this middleware).
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}
# Wagtail's and Django's admins, except previews (they keep the policy of the page they show).
DATELINE_ADMIN_PATH_PREFIXES = ["/admin/", "/django-admin/"]
DATELINE_ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE, "'report-sample'"],
        # Jcrop (the focal point tool) probes event support by setting onX="return;" on a detached
        # element; that handler, which does nothing, is the only one allowed.
        "script-src-attr": ["'unsafe-hashes'", "'sha256-i+qr4lq34KgNHiW62lWi9aInEBwiEOrfCzaNPCvkqD8='"],
        "style-src": ["'self'", "'report-sample'"],
        # Draftail (rich text) writes <style> elements, one of them naming the focused block's random
        # key, so no hash can allow it. Style attributes stay refused (style-src).
        "style-src-elem": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "blob:"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}
# Staff avatars are their own uploads or Wagtail's default, never Gravatar: the admin's policy loads
# images from this origin only, and no editor's e-mail hash goes to a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Browser features no page of Dateline uses, off for the page and every frame it embeds. Video
# embeds keep what their players need (autoplay, fullscreen, encrypted-media, picture-in-picture).
DATELINE_PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# For browsers without CSP frame-ancestors (which allows 'self' for Wagtail's preview panel): no
# framing. Wagtail marks its preview views SAMEORIGIN itself.
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django logs the client address of refused requests; keep those lines out of the logs.
        "django.security.DisallowedHost": {"handlers": [], "propagate": False},
        # One line per background task is noise at INFO; failures still show.
        "django_tasks": {"level": "WARNING"},
    },
}
