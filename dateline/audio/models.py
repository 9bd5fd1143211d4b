import secrets
from pathlib import PurePosixPath

from django.db import models
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from .forms import AudioForm
from .metadata import NotAudio, read_audio_facts

UPLOAD_FOLDER = "audio"


def audio_upload_path(instance, filename: str) -> str:
    # A fresh folder per upload: a replaced file gets a new URL, so a copy cached for a year is never stale.
    return f"{UPLOAD_FOLDER}/{secrets.token_hex(6)}/{get_valid_filename(PurePosixPath(filename).name)}"


class Audio(index.Indexed, models.Model):
    """A sound file the newsroom publishes: a report, an interview, a podcast episode's recording.

    Type, duration and size are read from the file when it is uploaded (metadata.read_audio_facts).
    """

    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(
        _("audio file"),
        upload_to=audio_upload_path,
        max_length=255,
        help_text=_("An MP3, M4A (AAC) or Ogg (Opus, Vorbis) file. MP3 and M4A play everywhere, podcast apps too."),
    )
    credit = models.CharField(
        _("credit"),
        max_length=120,
        blank=True,
        help_text=_("Who recorded or supplied it, for example the BBC or Ana Pérez. Shown as (Audio: BBC)."),
    )
    transcript = models.TextField(
        _("transcript"),
        blank=True,
        help_text=_("What is said, as text. Readers who cannot or would rather not listen read it here."),
    )
    captions = models.FileField(
        _("captions (WebVTT)"),
        upload_to=audio_upload_path,
        max_length=255,
        blank=True,
        help_text=_("Optional: a WebVTT (.vtt) file with the words timed to the audio."),
    )
    mime_type = models.CharField(_("type"), max_length=40, editable=False)
    duration = models.FloatField(_("duration in seconds"), default=0, editable=False)
    file_size = models.PositiveBigIntegerField(_("size in bytes"), default=0, editable=False)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    base_form_class = AudioForm
    panels = [
        FieldPanel("title"),
        FieldPanel("file"),
        FieldPanel("credit"),
        FieldPanel("transcript"),
        FieldPanel("captions"),
    ]
    search_fields = [index.SearchField("title"), index.SearchField("credit"), index.AutocompleteField("title")]

    class Meta:
        verbose_name = _("audio")
        verbose_name_plural = _("audio")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # A new upload: its facts come from the file itself (the admin form has already refused non-audio).
        if self.file and not self.file._committed:
            try:
                facts = read_audio_facts(self.file)
            except NotAudio:
                facts = None
            if facts is not None:
                self.mime_type, self.duration, self.file_size = facts.mime_type, facts.duration, facts.size
        super().save(*args, **kwargs)

    @property
    def duration_text(self) -> str:
        """As players show it: 4:05, or 1:02:03."""
        seconds = round(self.duration)
        hours, rest = divmod(seconds, 3600)
        minutes, seconds = divmod(rest, 60)
        return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"

    @property
    def format_name(self) -> str:
        return {"audio/mpeg": "MP3", "audio/mp4": "M4A", "audio/aac": "AAC", "audio/ogg": "Ogg"}.get(self.mime_type, "")
