import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpResponse, JsonResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.images import get_image_model_string
from wagtail.models import Page
from wagtail.search import index

from dateline.core.headers import FRONT_PAGE_KEY, CacheKeysMixin

from .categories import CATEGORIES
from .chapters import ChapterError, parse_chapters

# Podcasting 2.0's namespace for podcast:guid (https://podcastindex.org/namespace/1.0#guid).
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
# Carried by the OPML of all shows and the front page's list of them.
SHOWS_KEY = "podcasts"


def podcast_guid_for(feed_url: str) -> uuid.UUID:
    """UUIDv5 of the feed URL without its scheme and trailing slashes, as the spec says."""
    bare = feed_url.split("://", 1)[-1].rstrip("/")
    return uuid.uuid5(PODCAST_GUID_NAMESPACE, bare)


class PodcastShowPage(CacheKeysMixin, RoutablePageMixin, Page):
    """A podcast show: its artwork, description, category and owner; its episodes are its child pages.

    Its podcast feed is at feed/ below the page; the show's language is its page's language.
    """

    description = models.TextField(
        _("description"), max_length=4000, help_text=_("What the show is about, as podcast apps show it.")
    )
    artwork = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("artwork"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A square JPEG or PNG picture of 1400 to 3000 pixels a side, as Apple and Spotify require."),
    )
    category = models.CharField(_("category"), max_length=60, choices=CATEGORIES, default="News")
    explicit = models.BooleanField(
        _("explicit"), default=False, help_text=_("Tick when episodes may hold words or content unfit for children.")
    )
    owner_name = models.CharField(
        _("owner name"), max_length=120, help_text=_("The newsroom or person that runs the show.")
    )
    owner_email = models.EmailField(
        _("owner e-mail"),
        help_text=_(
            "Published in the podcast feed, as Apple requires: podcast directories write to it to confirm "
            "who owns the show. Use a shared newsroom address, not a person's own."
        ),
    )
    feed_locked = models.BooleanField(
        _("locked"),
        default=True,
        help_text=_("Asks podcast directories not to let anyone else import the show (podcast:locked)."),
    )
    podcast_guid = models.UUIDField(_("podcast GUID"), null=True, blank=True, editable=False)

    exclude_fields_in_copy = ["podcast_guid"]

    content_panels = Page.content_panels + [
        FieldPanel("description"),
        FieldPanel("artwork"),
        FieldRowPanel([FieldPanel("category"), FieldPanel("explicit")]),
        MultiFieldPanel([FieldPanel("owner_name"), FieldPanel("owner_email"), FieldPanel("feed_locked")], _("Owner")),
    ]
    search_fields = Page.search_fields + [index.SearchField("description")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["podcasts.PodcastEpisodePage"]

    class Meta:
        verbose_name = _("podcast show")

    def save(self, *args, **kwargs):
        result = super().save(*args, **kwargs)  # a new page gets its URL path here
        # Set once from the first feed URL and kept: directories know the show by it after any move.
        if self.podcast_guid is None:
            url = self.get_full_url()
            self.podcast_guid = podcast_guid_for(url + "feed/") if url else uuid.uuid4()
            PodcastShowPage.objects.filter(pk=self.pk).update(podcast_guid=self.podcast_guid)
        return result

    def get_cache_keys(self) -> list[str]:
        return [f"show-{self.pk}"]

    def get_purge_keys(self) -> list[str]:
        # The front page and the OPML list the shows.
        return [f"show-{self.pk}", SHOWS_KEY, FRONT_PAGE_KEY]

    def get_cached_paths(self):
        return ["/", "feed/"]

    def get_context(self, request, *args, **kwargs):
        from .queries import published_episodes

        context = super().get_context(request, *args, **kwargs)
        context["episodes"] = published_episodes(self)
        return context

    @path("")
    def index(self, request):
        return self.render(request)

    @path("feed/", name="feed")
    def feed(self, request):
        from .feed import podcast_feed

        return HttpResponse(podcast_feed(self, request), content_type="application/rss+xml; charset=utf-8")


class EpisodeType(models.TextChoices):
    FULL = "full", _("Full episode")
    TRAILER = "trailer", _("Trailer")
    BONUS = "bonus", _("Bonus")


class PodcastEpisodePage(CacheKeysMixin, RoutablePageMixin, Page):
    """One episode of a show: its recording, show notes, numbers and chapters.

    A page of its own under its show, not an article: see docs/podcasts.md.
    """

    audio = models.ForeignKey(
        "audio.Audio",
        verbose_name=_("recording"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Its transcript and captions are the episode's; MP3 or M4A play in every podcast app."),
    )
    summary = models.TextField(
        _("show notes"), max_length=4000, help_text=_("What the episode is about, as podcast apps show it.")
    )
    episode_number = models.PositiveIntegerField(_("episode number"), null=True, blank=True)
    season_number = models.PositiveIntegerField(_("season number"), null=True, blank=True)
    episode_type = models.CharField(
        _("episode type"), max_length=10, choices=EpisodeType.choices, default=EpisodeType.FULL
    )
    explicit = models.BooleanField(_("explicit"), default=False)
    chapters = models.TextField(
        _("chapters"),
        blank=True,
        help_text=_("Optional: one chapter a line, its start and title, for example 1:30 The weather."),
    )
    episode_guid = models.UUIDField(_("episode GUID"), default=uuid.uuid4, editable=False)

    exclude_fields_in_copy = ["episode_guid"]

    content_panels = Page.content_panels + [
        FieldPanel("audio"),
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("episode_number"), FieldPanel("season_number"), FieldPanel("episode_type")]),
        FieldPanel("explicit"),
        FieldPanel("chapters"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary")]
    parent_page_types = ["podcasts.PodcastShowPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("podcast episode")

    def clean(self):
        super().clean()
        try:
            parse_chapters(self.chapters)
        except ChapterError as error:
            raise ValidationError({"chapters": str(error)}) from None

    @property
    def chapter_list(self):
        try:
            return parse_chapters(self.chapters)
        except ChapterError:
            return []

    def get_cache_keys(self) -> list[str]:
        # The page shows its show's name and artwork.
        return [f"episode-{self.pk}", f"show-{self.get_parent().pk}"]

    def get_purge_keys(self) -> list[str]:
        # The show's page and feed list it.
        return [f"episode-{self.pk}", f"show-{self.get_parent().pk}"]

    def get_cached_paths(self):
        return ["/", "chapters/", "transcript/"]

    @path("")
    def index(self, request):
        return self.render(request)

    @path("chapters/", name="chapters")
    def chapters_json(self, request):
        """Podcasting 2.0 JSON chapters (https://github.com/Podcastindex-org/podcast-namespace/blob/main/chapters/jsonChapters.md)."""
        chapters = [{"startTime": start, "title": title} for start, title in self.chapter_list]
        return JsonResponse({"version": "1.2.0", "chapters": chapters}, content_type="application/json+chapters")

    @path("transcript/", name="transcript")
    def transcript_text(self, request):
        if not self.audio or not self.audio.transcript:
            raise Http404
        return HttpResponse(self.audio.transcript, content_type="text/plain; charset=utf-8")
