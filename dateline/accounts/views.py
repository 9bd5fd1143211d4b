"""The admin's sign-in doors: the second-factor step, setting up an authenticator, recovery codes,
the account's security page, signing out everywhere, and the throttled refusals."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin.views.account import PasswordResetView

from . import two_factor
from .audit import record_sign_in_event
from .forms import CodeForm
from .models import SignInEvent
from .throttling import TooManyRequests, count_password_reset_request, lockout_message

# Shown once, on the page after they are made, then dropped from the session.
NEW_RECOVERY_CODES = "dateline_new_recovery_codes"


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


def _with_next(name: str, next_url: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


def verify(request: HttpRequest) -> HttpResponse:
    """The second step of signing in: a code from the authenticator app, or a recovery code."""
    user = request.user
    next_url = _next_url(request)
    if user.is_verified():
        return redirect(next_url)
    if not two_factor.has_second_factor(user):
        return redirect(_with_next("accounts:set_up", next_url))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = two_factor.check_second_factor(user=user, code=form.cleaned_data["code"])
        except two_factor.CodeRefused as refused:
            record_sign_in_event(kind=SignInEvent.Kind.SECOND_FACTOR_FAILED, request=request, user=user)
            form.add_error("code", refused.message)
        else:
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                record_sign_in_event(kind=SignInEvent.Kind.RECOVERY_CODE_USED, request=request, user=user)
                left = two_factor.recovery_codes_left(user)
                messages.warning(
                    request,
                    ngettext(
                        "You signed in with a recovery code; %(count)d is left. Make new ones on your account's "
                        "security page.",
                        "You signed in with a recovery code; %(count)d are left. Make new ones on your account's "
                        "security page.",
                        left,
                    )
                    % {"count": left},
                )
            else:
                record_sign_in_event(kind=SignInEvent.Kind.SECOND_FACTOR_PASSED, request=request, user=user)
            return redirect(next_url)
    return TemplateResponse(
        request, "accounts/verify.html", {"form": form, "next": next_url, "site_name": settings.OTP_TOTP_ISSUER}
    )


def set_up(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: scan the code (or type the secret), then confirm with a code."""
    user = request.user
    next_url = _next_url(request)
    if two_factor.has_second_factor(user) and not user.is_verified():
        return redirect(_with_next("accounts:verify", next_url))
    device = two_factor.pending_authenticator(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = two_factor.confirm_authenticator(user=user, device=device, code=form.cleaned_data["code"])
        except two_factor.CodeRefused as refused:
            form.add_error("code", refused.message)
        else:
            otp_login(request, TOTPDevice.objects.get(pk=device.pk))
            record_sign_in_event(kind=SignInEvent.Kind.SECOND_FACTOR_ENROLLED, request=request, user=user)
            request.session[NEW_RECOVERY_CODES] = codes
            return redirect(_with_next("accounts:recovery_codes", next_url))
    return TemplateResponse(
        request,
        "accounts/set_up.html",
        {
            "form": form,
            "next": next_url,
            "required": two_factor.second_factor_required(user),
            "qr_svg": two_factor.authenticator_qr_svg(device),
            "secret": two_factor.authenticator_secret(device),
        },
    )


def recovery_codes(request: HttpRequest) -> HttpResponse:
    """Show new recovery codes once (after setting up, or on request); POST makes a new set."""
    if request.method == "POST":
        request.session[NEW_RECOVERY_CODES] = two_factor.issue_recovery_codes(request.user)
        return redirect(_with_next("accounts:recovery_codes", _next_url(request)))
    codes = request.session.pop(NEW_RECOVERY_CODES, None)
    return TemplateResponse(
        request,
        "accounts/recovery_codes.html",
        {"codes": codes, "left": two_factor.recovery_codes_left(request.user), "next": _next_url(request)},
    )


def security(request: HttpRequest) -> HttpResponse:
    """The account's security page: the second factor's state and signing out everywhere."""
    user = request.user
    return TemplateResponse(
        request,
        "accounts/security.html",
        {
            "authenticator": TOTPDevice.objects.filter(user=user, confirmed=True).first(),
            "recovery_codes_left": two_factor.recovery_codes_left(user),
            "required": two_factor.second_factor_required(user),
            "recent_events": user.sign_in_events.all()[:10],
        },
    )


@require_POST
def sign_out_everywhere(request: HttpRequest) -> HttpResponse:
    """End every session of this account, in every browser, this one included."""
    user = request.user
    user.rotate_session_token()
    user.save(update_fields=["session_token"])
    record_sign_in_event(kind=SignInEvent.Kind.SIGNED_OUT_EVERYWHERE, request=request, user=user)
    logout(request)
    messages.success(request, _("You have been signed out on every device. Sign in again to continue."))
    return redirect("wagtailadmin_login")


def locked_out(request: HttpRequest, original_response: HttpResponse | None = None, credentials=None) -> HttpResponse:
    """django-axes' answer to a refused sign-in (AXES_LOCKOUT_CALLABLE): the sign-in page, which
    already says why (forms.SignInForm), as 429 Too Many Requests."""
    if original_response is not None and original_response.status_code == 200:
        original_response.status_code = 429
        return original_response
    return TemplateResponse(request, "accounts/locked_out.html", {"message": lockout_message()}, status=429).render()


class ThrottledPasswordResetView(PasswordResetView):
    """Wagtail's password reset, refused with a clear message once an address or an e-mail address
    has asked DATELINE_PASSWORD_RESET_RATE times (no more e-mails to bomb an inbox with)."""

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        accounts = list(form.get_users(email))
        try:
            count_password_reset_request(request=self.request, email=email)
        except TooManyRequests as refused:
            for user in accounts or [None]:
                record_sign_in_event(kind=SignInEvent.Kind.PASSWORD_RESET_THROTTLED, request=self.request, user=user)
            form.add_error(None, refused.message)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        for user in accounts or [None]:
            record_sign_in_event(kind=SignInEvent.Kind.PASSWORD_RESET_REQUESTED, request=self.request, user=user)
        return super().form_valid(form)
