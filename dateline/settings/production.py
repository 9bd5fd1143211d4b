"""Production: debug off, a real secret required, secure cookies and HSTS behind TLS."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import SECRET_KEY, SILENCED_SYSTEM_CHECKS, env

DEBUG = False
# Placeholders that example files and tutorials ship: a key anyone can read signs nothing.
PLACEHOLDER_SECRET_KEY_PREFIXES = ("change-me", "changeme", "change_me", "django-insecure-", "your-secret-key")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set: export SECRET_KEY to a long random string "
        "(python -c 'import secrets; print(secrets.token_urlsafe(50))')."
    )
if SECRET_KEY.strip().lower().startswith(PLACEHOLDER_SECRET_KEY_PREFIXES):
    raise ImproperlyConfigured(
        "SECRET_KEY is an example placeholder: replace it with a long random string "
        "(python -c 'import secrets; print(secrets.token_urlsafe(50))')."
    )

# Behind a TLS-terminating proxy: trust its X-Forwarded-Proto header.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
# Preloading binds the whole domain and its subdomains to HTTPS for months and is slow to undo, so it
# stays the operator's opt-in (SECURE_HSTS_PRELOAD); Django's reminder about it is not a code fault.
SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "security.W021"]
