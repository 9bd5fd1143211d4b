"""Start-up checks for settings the comment defences depend on."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security)
def trusted_proxies_behind_varnish(app_configs, **kwargs):
    """Behind Varnish, every request comes from Varnish: without trusted proxies, one rate limit and
    one address ban would cover every reader."""
    if getattr(settings, "DATELINE_VARNISH_URLS", None) and not settings.DATELINE_TRUSTED_PROXIES:
        return [
            Warning(
                "DATELINE_VARNISH_URL is set but DATELINE_TRUSTED_PROXIES is empty, so every reader "
                "looks like the proxy: one comment rate limit and one address ban would cover them all.",
                hint="Set DATELINE_TRUSTED_PROXIES to the addresses of Varnish and the TLS terminator "
                "(see deploy/README.md).",
                id="dateline_comments.W001",
            )
        ]
    return []
