import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A member of the newsroom who signs in to the admin (readers need no account)."""

    # Part of every session's proof of identity: a new value signs the person out of every browser.
    session_token = models.CharField(max_length=64, blank=True, default="", editable=False)

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"

    def get_session_auth_hash(self):
        if not self.session_token:
            return super().get_session_auth_hash()
        return self._session_auth_hash_with_token(secret=None)

    def get_session_auth_fallback_hash(self):
        if not self.session_token:
            yield from super().get_session_auth_fallback_hash()
            return
        for fallback_secret in settings.SECRET_KEY_FALLBACKS:
            yield self._session_auth_hash_with_token(secret=fallback_secret)

    def _session_auth_hash_with_token(self, *, secret):
        key_salt = "dateline.accounts.User.get_session_auth_hash"
        return salted_hmac(
            key_salt, f"{self.password}:{self.session_token}", secret=secret, algorithm="sha256"
        ).hexdigest()

    def rotate_session_token(self) -> None:
        """End every session this person has open, wherever it is (the caller saves)."""
        self.session_token = secrets.token_hex(32)


class SignInEvent(models.Model):
    """One line of the staff sign-in audit log: who tried, from which (hashed) address, and what happened.

    The username is kept as typed, so attempts on accounts that do not exist show too; the address
    only as a keyed hash, which tells attempts from one place apart without naming the place.
    """

    class Kind(models.TextChoices):
        SIGNED_IN = "signed_in", _("Signed in with password")
        FAILED = "failed", _("Wrong username or password")
        LOCKED_OUT = "locked_out", _("Locked out after too many failures")
        SECOND_FACTOR_PASSED = "second_factor_passed", _("Second factor accepted")
        SECOND_FACTOR_FAILED = "second_factor_failed", _("Wrong second-factor code")
        RECOVERY_CODE_USED = "recovery_code_used", _("Recovery code used")
        SECOND_FACTOR_ENROLLED = "second_factor_enrolled", _("Authenticator app set up")
        SECOND_FACTOR_RESET = "second_factor_reset", _("Second factor reset by an administrator")
        PASSWORD_RESET_REQUESTED = "password_reset_requested", _("Password reset requested")
        PASSWORD_RESET_THROTTLED = "password_reset_throttled", _("Password reset refused: too many requests")
        SIGNED_OUT_EVERYWHERE = "signed_out_everywhere", _("Signed out everywhere")
        SIGNED_OUT_IDLE = "signed_out_idle", _("Signed out after inactivity")

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    kind = models.CharField(_("event"), max_length=32, choices=Kind.choices)
    username = models.CharField(_("username"), max_length=150, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sign_in_events",
    )
    address_hash = models.CharField(_("address (keyed hash)"), max_length=64, blank=True, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("sign-in event")
        verbose_name_plural = _("sign-in log")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.get_kind_display()} {self.username}"

    @property
    def address_label(self) -> str:
        """The first characters of the hash: enough to see that attempts came from one place."""
        return self.address_hash[:12]
