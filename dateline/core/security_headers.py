"""Security headers every response carries: Content-Security-Policy and Permissions-Policy.

The public site and the admin get different Content-Security-Policies (settings
CONTENT_SECURITY_POLICY and DATELINE_ADMIN_CONTENT_SECURITY_POLICY). Wagtail renders a preview
through the whole middleware stack for the page's public URL, so a preview keeps the public policy
its page will be served with (the outer admin request leaves a header already set alone). Both
middlewares sit at the top of MIDDLEWARE, so that error pages, the 503 page and pages served from the
app's page cache carry the headers too.
"""

from __future__ import annotations

import json
import re

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

PERMISSIONS_POLICY_HEADER = "Permissions-Policy"

# Wagtail 8 still writes a few inline scripts that start its widgets: choosers rendered in Python
# (wagtail.admin.widgets.BaseChooser.render), date and time widgets and inline panels in templates.
# Each is a call of one of these functions with JSON arguments, so the admin's policy can allow
# exactly those calls by nonce and refuse any other inline script, an injected one included.
INLINE_SCRIPT = re.compile(rb"<script>(.*?)</script>", re.DOTALL)
WAGTAIL_INITIALISER = re.compile(
    r"""\s*(?:
        (?:new\s+(?P<constructor>Chooser|PageChooser|ImageChooser|DocumentChooser|SnippetChooser)
          |(?P<function>initDateChooser|initTimeChooser|initDateTimeChooser|createTaskChooser))
        \((?P<arguments>.*)\);
      | \(function\(\)\s*\{\s*var\s+panel\s*=\s*new\s+(?:InlinePanel|MultipleChooserPanel)
        \(JSON\.parse\((?P<options>"[^"]*")\)\);\s*\}\)\(\);
    )\s*""",
    re.DOTALL | re.VERBOSE,
)


def is_admin_path(path: str) -> bool:
    return path.startswith(tuple(settings.DATELINE_ADMIN_PATH_PREFIXES))


def is_wagtail_initialiser(script: str) -> bool:
    """Whether an inline script is only one of Wagtail's widget initialisers called with plain data."""
    match = WAGTAIL_INITIALISER.fullmatch(script)
    if match is None:
        return False
    arguments = match["arguments"] if match["options"] is None else match["options"]
    try:
        json.loads(f"[{arguments}]")
    except ValueError:
        return False  # code, not data, between the parentheses
    return True


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's own policy and nonces for Wagtail's initialisers."""

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        if is_admin_path(request.path_info) and _is_html(response):
            _add_nonces(request, response)
        response = super().process_response(request, response)
        # django-csp joins directives in set order, which differs between processes: sort them, so
        # every process sends the same header for the same policy.
        for header in (HEADER, HEADER_REPORT_ONLY):
            if header in response:
                response.headers[header] = "; ".join(sorted(response[header].split("; ")))
        return response

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and is_admin_path(request.path_info):
            parts.config = default_config(settings.DATELINE_ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        return parts


def _is_html(response: HttpResponseBase) -> bool:
    return not response.streaming and response.get("Content-Type", "").startswith("text/html")


def _add_nonces(request: HttpRequest, response: HttpResponseBase) -> None:
    def with_nonce(match: re.Match) -> bytes:
        if not is_wagtail_initialiser(match[1].decode(errors="replace")):
            return match[0]
        return b'<script nonce="' + str(request.csp_nonce).encode() + b'">' + match[1] + b"</script>"

    content = INLINE_SCRIPT.sub(with_nonce, response.content)
    if content != response.content:
        response.content = content


def permissions_policy(features: dict[str, list[str]]) -> str:
    """The header value for {feature: allowed origins}: an empty list turns the feature off."""
    return ", ".join(f"{feature}=({' '.join(origins)})" for feature, origins in features.items())


class PermissionsPolicyMiddleware:
    """Turns off browser features Dateline never uses (camera, microphone, geolocation, payment…)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.value = permissions_policy(settings.DATELINE_PERMISSIONS_POLICY)

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if self.value:
            response.headers.setdefault(PERMISSIONS_POLICY_HEADER, self.value)
        return response
