from django import forms
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from . import captcha
from .models import BODY_MAX_LENGTH, NAME_MAX_LENGTH
from .text import clean_name, clean_text, is_blank

HONEYPOT_FIELD = "website"


class CommentForm(forms.Form):
    """The reader's comment: three required fields, the solved captcha, a reply target, a honeypot.

    Input is cleaned (NFC, no NULs, control or bidi override characters) before the length limits
    apply, so the limits count what will be shown.
    """

    name = forms.CharField(
        label=_("Name"),
        max_length=NAME_MAX_LENGTH,
        # Filled in lazily: "%" on a lazy string would translate it once, at import, into English.
        help_text=lazy(
            lambda: _("Shown with your comment. Up to %(max)d characters.") % {"max": NAME_MAX_LENGTH}, str
        )(),
        error_messages={
            "required": _("Please enter your name."),
            "max_length": _("Please shorten your name to %(limit_value)d characters (it has %(show_value)d)."),
        },
        strip=False,
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("Will not be published."),
        error_messages={
            "required": _("Please enter your e-mail address."),
            "invalid": _("Please enter an e-mail address such as name@example.org."),
        },
    )
    body = forms.CharField(
        label=_("Comment"),
        # Checked in clean_body once line ends are normalised: browsers send \r\n but count one.
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": BODY_MAX_LENGTH}),
        help_text=lazy(
            lambda: (
                _("Plain text; web addresses become links. Up to %(max)s characters.")
                % {"max": number_format(BODY_MAX_LENGTH, force_grouping=True)}
            ),
            str,
        )(),
        error_messages={
            "required": _("Please write your comment."),
            "max_length": _("Please shorten your comment to %(limit_value)d characters (it has %(show_value)d)."),
        },
        strip=False,
    )
    parent = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    # Named for readers: the error list prefixes each message with its field's label.
    altcha = forms.CharField(required=False, max_length=4000, label=_("Spam check"))
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def __init__(self, *args, now: float | None = None, min_seconds: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.now = now
        self.min_seconds = min_seconds
        self.solved_challenge: captcha.SolvedChallenge | None = None

    def clean_name(self):
        name = clean_name(self.cleaned_data["name"])
        if is_blank(name):
            raise forms.ValidationError(self.fields["name"].error_messages["required"], code="required")
        return name

    def clean_email(self):
        return self.cleaned_data["email"].strip()

    def clean_body(self):
        body = clean_text(self.cleaned_data["body"])
        if is_blank(body):
            raise forms.ValidationError(self.fields["body"].error_messages["required"], code="required")
        if len(body) > BODY_MAX_LENGTH:
            raise forms.ValidationError(
                self.fields["body"].error_messages["max_length"],
                code="max_length",
                params={"limit_value": BODY_MAX_LENGTH, "show_value": len(body)},
            )
        return body

    def clean_altcha(self):
        try:
            solved = captcha.verify_solution(self.cleaned_data["altcha"], now=self.now)
        except captcha.CaptchaError as error:
            raise forms.ValidationError(error.message, code=error.code) from error
        if solved.seconds_since_issued(self.now) < self.min_seconds:
            raise forms.ValidationError(
                _("That was quicker than a person can write. Please read your comment once more, then post it."),
                code="too_fast",
            )
        self.solved_challenge = solved
        return self.cleaned_data["altcha"]

    @property
    def honeypot_filled(self) -> bool:
        return bool(self.cleaned_data.get(HONEYPOT_FIELD, "").strip())
