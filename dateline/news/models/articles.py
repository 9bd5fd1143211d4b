import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, TitleFieldPanel
from wagtail.fields import StreamField
from wagtail.images import get_image_model_string
from wagtail.models import Orderable, Page, PageManager, Site
from wagtail.query import PageQuerySet
from wagtail.search import index

from dateline.core.headers import LISTINGS_KEY, CacheKeysMixin
from dateline.core.memo import MemoizedPublicQuerySetMixin, MemoizedViewRestrictionsMixin
from dateline.core.models import NewsroomSettings, outlet_code_validator
from dateline.news.blocks import ArticleBodyBlock
from dateline.news.panels import TranslationsPanel
from dateline.news.sharing import share_links_for
from dateline.news.structured_data import article_structured_data

from .corrections import Correction
from .dateline_style import DatelineStyle
from .kinds import ArticleKind, default_kind_id


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey("news.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items")


# Orders stories never published last in newest_first_of_matches (live stories always have a date).
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


class ArticleAuthor(Orderable):
    """One author of an article, in byline order."""

    article = ParentalKey("news.ArticlePage", on_delete=models.CASCADE, related_name="article_authors")
    person = models.ForeignKey("news.Person", verbose_name=_("author"), on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("person")]

    class Meta(Orderable.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")


class ArticlePageQuerySet(MemoizedPublicQuerySetMixin, PageQuerySet):
    def published_since(self, cutoff):
        return self.filter(first_published_at__gte=cutoff)

    def by_person(self, person):
        """Articles the person wrote or edited, under any translation of their profile."""
        key = person.translation_key
        # One list of ids, bylines and editing together: an OR across the two joins (and the DISTINCT
        # it needed) cost PostgreSQL 60-100 ms for a person's page at 100,000 stories, this 15-25 ms.
        wrote = ArticleAuthor.objects.filter(person__translation_key=key).order_by().values("article_id")
        edited = ArticlePage.objects.filter(edited_by__translation_key=key).order_by().values("pk")
        return self.filter(pk__in=wrote.union(edited))

    def newest_first(self):
        return self.order_by("-first_published_at", "-pk")

    def newest_first_of_matches(self):
        """Newest first, for a filter that picks a few hundred stories out of the archive (a tag, a person).

        Ordered by the bare date, PostgreSQL walks the date index from the newest story and tests
        each one against the filter; when the filter's stories are old (an event's tag, a reporter
        who left) that walk reads the whole archive: 0.56 s for a tag of 574 stories among 100,000.
        An expression the index cannot give makes it read the filter's own rows through their index
        and sort only those (4-18 ms), a cost that grows with the tag, not with the archive.
        """
        return self.order_by(Coalesce("first_published_at", Value(_EPOCH)).desc(), "-pk")

    def for_listing(self):
        """What a teaser needs (photo, editor, authors) fetched up front, not per row."""
        return self.select_related("lead_photo", "edited_by", "locale").prefetch_related(
            models.Prefetch("article_authors", queryset=ArticleAuthor.objects.select_related("person"))
        )


class ArticlePageForm(WagtailAdminPageForm):
    """The article editor's form: Wagtail's page title is the headline, and says so."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        headline = self.fields["title"]
        headline.label = _("Headline")
        headline.error_messages["required"] = _("Write a headline: an article cannot be saved without one.")

    def clean(self):
        cleaned = super().clean()
        # Publishing embargoed copy schedules it for the embargo instead of refusing outright.
        embargo = cleaned.get("embargoed_until")
        go_live = cleaned.get("go_live_at")
        if embargo and embargo > timezone.now() and (go_live is None or go_live < embargo):
            cleaned["go_live_at"] = embargo
        shown = cleaned.get("first_published_at")
        if shown and shown > timezone.now():
            self.add_error(
                "first_published_at", _("The date readers see cannot be in the future: schedule it instead.")
            )
        return cleaned


def in_name_order(tags) -> list:
    """Tags sorted by name (then id), the same in every process and after a restore."""
    return sorted(tags, key=lambda tag: (tag.name.casefold(), tag.pk))


class ArticlePage(CacheKeysMixin, MemoizedViewRestrictionsMixin, Page):
    """A news story: headline, standfirst, dateline, byline, lead photo, body, tags and comments switch."""

    standfirst = models.TextField(
        _("standfirst"), max_length=400, blank=True, help_text=_("One or two sentences under the headline.")
    )
    dateline_place = models.CharField(
        _("dateline place"),
        max_length=80,
        blank=True,
        help_text=_("Where the story was reported from, e.g. Brussels."),
    )
    outlet_code = models.CharField(
        _("outlet code"),
        max_length=20,
        blank=True,
        validators=[outlet_code_validator],
        help_text=_("Leave empty for our own code; set it for agency copy, for example AFP."),
    )
    kind = models.ForeignKey(
        "news.ArticleKind",
        verbose_name=_("kind of work"),
        null=True,
        blank=True,  # none is plain news, typed NewsArticle
        default=default_kind_id,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("News, analysis, opinion, fact check, sponsored…: readers and search engines are told."),
    )
    sponsor_name = models.CharField(
        _("sponsor"), max_length=120, blank=True, help_text=_("For sponsored pieces: who paid for it.")
    )
    sponsor_url = models.URLField(_("sponsor's website"), blank=True)
    claim_reviewed = models.CharField(
        _("claim checked"),
        max_length=300,
        blank=True,
        help_text=_("For fact checks: the claim in a sentence, as it was made."),
    )
    claim_author = models.CharField(
        _("claim made by"), max_length=120, blank=True, help_text=_("For fact checks: who made the claim.")
    )
    claim_url = models.URLField(
        _("where the claim appeared"), blank=True, help_text=_("For fact checks: a link to the claim.")
    )
    claim_made_on = models.DateField(_("claim made on"), null=True, blank=True)
    rating_label = models.CharField(
        _("verdict"),
        max_length=60,
        blank=True,
        help_text=_("For fact checks: the verdict readers see, e.g. False, Misleading, True."),
    )
    rating_value = models.PositiveSmallIntegerField(
        _("verdict on a scale"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("For fact checks: 1 (false) to 5 (true)."),
    )
    corrected_at = models.DateTimeField(
        _("last corrected at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The time of the newest correction or clarification, kept in step with them on save."),
    )
    edited_by = models.ForeignKey(
        "news.Person",
        verbose_name=_("edited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="edited_articles",
    )
    lead_photo = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("lead photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lead_caption = models.CharField(
        _("lead photo caption"),
        max_length=500,
        blank=True,
        help_text=_("Leave empty to use the photo's own caption."),
    )
    lead_audio = models.ForeignKey(
        "audio.Audio",
        verbose_name=_("lead audio"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Plays at the top of the story instead of the lead photo; the photo still shows in listings."),
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"))
    tags = ClusterTaggableManager(through=ArticleTag, blank=True, verbose_name=_("tags"))
    comments_open = models.BooleanField(
        _("comments open"), default=True, help_text=_("Readers may comment on this article.")
    )
    embargoed_until = models.DateTimeField(
        _("embargoed until"),
        null=True,
        blank=True,
        help_text=_("Agency copy under embargo cannot go live before this time; publishing schedules it for then."),
    )

    objects = PageManager.from_queryset(ArticlePageQuerySet)()

    base_form_class = ArticlePageForm
    # A copy or a translation is a new story: it starts with no corrections of its own.
    exclude_fields_in_copy = ["corrections", "corrected_at"]

    content_panels = [
        TitleFieldPanel(
            "title",
            heading=_("Headline"),
            placeholder=_("Headline*"),
            help_text=_("What happened, in a few words readers and search engines understand at once."),
        ),
        FieldPanel("standfirst"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("dateline_place"), FieldPanel("outlet_code")]),
                FieldPanel("kind", widget=forms.Select),  # a short list: a menu, not the snippet chooser
                FieldPanel(
                    "first_published_at",
                    heading=_("Date shown to readers"),
                    help_text=_(
                        "Leave empty to show when it goes live. Set it for a story first published elsewhere "
                        "or an agency story's own time; the real publication time stays in the history."
                    ),
                ),
            ],
            _("Dateline"),
        ),
        MultiFieldPanel([InlinePanel("article_authors", label=_("Author")), FieldPanel("edited_by")], _("Byline")),
        MultiFieldPanel([FieldPanel("lead_photo"), FieldPanel("lead_caption")], _("Lead photo")),
        MultiFieldPanel([FieldPanel("lead_audio")], _("Lead audio")),
        FieldPanel("body"),
        FieldPanel("tags"),
        MultiFieldPanel(
            [
                FieldPanel("claim_reviewed"),
                FieldRowPanel([FieldPanel("claim_author"), FieldPanel("claim_made_on")]),
                FieldPanel("claim_url"),
                FieldRowPanel([FieldPanel("rating_label"), FieldPanel("rating_value")]),
            ],
            _("Fact check (only for fact checks)"),
            classname="dateline-fact-check",
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("sponsor_name"), FieldPanel("sponsor_url")])],
            _("Sponsor (only for sponsored pieces)"),
            classname="dateline-sponsor",
        ),
        InlinePanel(
            "corrections",
            label=_("Correction or clarification"),
            heading=_("Corrections and clarifications"),
            help_text=_(
                "Add one when you fix a published story; keep it even once the text is right. "
                "It shows on the story and on the corrections page when you publish."
            ),
        ),
        # Publish now or at a time, as one choice beside the story: Wagtail's schedule dialog
        # (PublishingPanel) took four steps and saved a draft silently. Expiry stays in Settings.
        FieldPanel(
            "go_live_at",
            heading=_("Publish at"),
            help_text=_("Leave empty to publish now when you press Publish; set a time and Publish schedules it."),
        ),
        TranslationsPanel(),
    ]
    settings_panels = [
        *(panel for panel in Page.settings_panels if "PublishingPanel" not in str(getattr(panel, "path", ""))),
        FieldPanel("expire_at"),
        FieldPanel("embargoed_until"),
        FieldPanel("comments_open"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("standfirst"),
        index.SearchField("body"),
        index.SearchField("dateline_place"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("kind"),
        index.FilterField("first_published_at"),
    ]

    parent_page_types = ["news.SectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("article")

    def clean(self):
        super().clean()
        kind = self.article_kind
        if kind is not None and kind.is_sponsored and not self.sponsor_name:
            raise ValidationError(
                {"sponsor_name": _("Name the sponsor: a sponsored piece always says who paid for it.")}
            )
        if kind is not None and kind.is_fact_check and not (self.claim_reviewed and self.rating_label):
            raise ValidationError(
                {"claim_reviewed": _("A fact check needs the claim it checks and a verdict (under Fact check).")}
            )
        if self.live and self.embargoed_until and self.embargoed_until > timezone.now():
            when = date_format(timezone.localtime(self.embargoed_until), "DATETIME_FORMAT")
            raise ValidationError(
                {
                    "go_live_at": _("This story is embargoed until %(time)s; schedule it for then or later.")
                    % {"time": when}
                }
            )

    @property
    def published_at(self):
        """When readers first saw it; a draft or preview counts from now."""
        return self.first_published_at or timezone.now()

    def save(self, *args, **kwargs):
        # Keep corrected_at in step with the corrections saved with this version (a revision being
        # published, or the form); a save of a few named fields (a draft revision) leaves both alone.
        if kwargs.get("update_fields") is None:
            times = [correction.published_at for correction in self.corrections.all() if correction.published_at]
            self.corrected_at = max(times, default=None)
        return super().save(*args, **kwargs)

    @property
    def modified_at(self):
        """When readers last saw it change: its last publication or its newest correction."""
        times = [self.last_published_at or self.published_at, self.corrected_at]
        return max(time for time in times if time is not None)

    @property
    def article_kind(self) -> ArticleKind | None:
        """The kind of work, from the list every process keeps (no query per article)."""
        from dateline.news.kinds import kind_by_id

        return kind_by_id(self.kind_id)

    @cached_property
    def correction_list(self) -> list[Correction]:
        """Corrections and clarifications, newest first; no query for an article never corrected."""
        if self.pk and self.corrected_at is None and "corrections" not in getattr(self, "_cluster_related_objects", {}):
            return []
        return sorted(self.corrections.all(), key=lambda item: item.published_at, reverse=True)

    @property
    def was_updated(self) -> bool:
        """Whether a later publication changed it by more than a few minutes."""
        if not (self.first_published_at and self.last_published_at):
            return False
        return (self.last_published_at - self.first_published_at).total_seconds() > 300

    @cached_property
    def authors(self) -> list:
        """In byline order; one query for all of them unless a listing prefetched them."""
        items = self.article_authors.all()
        if "article_authors" not in getattr(self, "_prefetched_objects_cache", {}):
            items = items.select_related("person")
        return [item.person for item in items]

    @property
    def lead_photo_caption(self) -> str:
        if self.lead_caption:
            return self.lead_caption
        return self.lead_photo.default_caption if self.lead_photo else ""

    @cached_property
    def newsroom_settings(self) -> NewsroomSettings:
        """The site's settings; get_context sets them from the request's per-request cache instead."""
        return NewsroomSettings.for_site(self.get_site())

    @cached_property
    def tag_list(self) -> list:
        """The tags, fetched once for everything one render shows them in (meta, footer, JSON-LD, keys),
        in alphabetical order: the database returns them in whatever order its plan gives."""
        return in_name_order(self.tags.all())

    @property
    def effective_outlet_code(self) -> str:
        return self.outlet_code or self.newsroom_settings.outlet_code

    @cached_property
    def dateline_style(self) -> DatelineStyle:
        """The site's dateline style; get_context sets it from the request's per-request cache instead."""
        return DatelineStyle.for_site(self.get_site())

    @property
    def language_dateline_style(self):
        """The dateline style of the article's language: the language's own if the site set one, else the site's."""
        return self.dateline_style.for_language(self.locale.language_code if self.locale_id else None)

    @property
    def dateline_text(self) -> str:
        """Place, local date in the article's language and outlet, as the style of that language writes
        them: 'Brussels, February 20 (RHC)' or 'BRUSSELS (AP)'."""
        with translation.override(self.locale.language_code if self.locale_id else None):
            day = date_format(timezone.localtime(self.published_at), "MONTH_DAY_FORMAT")
            # The language's own comma between place and date: "بروكسل، 20 فبراير" in Arabic.
            comma = pgettext("dateline: between place and date", ", ")
        return self.language_dateline_style.compose(
            place=self.dateline_place, day=day, outlet_code=self.effective_outlet_code, comma=comma
        )

    SOCIAL_IMAGE_SPEC = "fill-1200x630|format-jpeg"

    @cached_property
    def social_image(self):
        """The lead photo cropped for share cards and structured data (a rendition), or None.

        Wagtail never enlarges: a small photo gives a smaller card, with its real size declared.
        """
        return self.lead_photo.get_rendition(self.SOCIAL_IMAGE_SPEC) if self.lead_photo else None

    def social_image_url(self, request) -> str:
        """The share-card photo as an absolute URL, or "" without a lead photo."""
        return request.build_absolute_uri(self.social_image.url) if self.social_image else ""

    def _people_shown(self) -> list:
        """Authors and editor, in one query (surrogate keys and purge URLs)."""
        people = list(self.authors)
        if self.edited_by_id:
            people.append(self.edited_by)
        return people

    def get_cache_keys(self) -> list[str]:
        """Surrogate keys of the article page: itself, its section, its tags and its people."""
        return self._keys(self.tag_list)

    def _keys(self, tags) -> list[str]:
        keys = [f"article-{self.pk}", f"section-{self.get_parent().pk}"]
        keys += [f"tag-{tag.slug}" for tag in tags]
        keys += [f"person-{person.slug}" for person in self._people_shown()]
        return keys

    def get_purge_keys(self) -> list[str]:
        """The page's keys (section, tag and person pages list it), its translations' (their hreflang
        links) and every listing of articles.

        Tags read afresh: a purge must name the tags the article has now, not when it was rendered."""
        translations = Page.objects.filter(translation_key=self.translation_key).exclude(pk=self.pk)
        keys = [f"article-{pk}" for pk in translations.values_list("pk", flat=True)]  # their hreflang links
        return [*self._keys(self.tags.all()), *keys, LISTINGS_KEY]

    def get_purge_urls(self) -> list[str]:
        """Section, front, tag and person pages, for caches that purge by URL only."""
        site = self.get_site()
        if site is None:
            return []
        urls = [page.get_full_url() for page in self.get_ancestors().filter(depth__gt=1)]
        with translation.override(self.locale.language_code):
            paths = [reverse("news:tag", kwargs={"slug": tag.slug}) for tag in self.tags.all()]
            paths += [person.get_absolute_url() for person in self._people_shown()]
        return [url for url in urls if url] + [site.root_url + path for path in paths]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if "newsroom_settings" not in self.__dict__ and Site.find_for_request(request) is not None:
            # NewsroomSettings caches per request (and finds the site from it): no query for the site
            self.newsroom_settings = NewsroomSettings.for_request(request)
            self.dateline_style = DatelineStyle.for_request(request)
        context["section"] = self.get_parent().specific
        context["canonical_url"] = self.get_full_url(request)
        context["share_links"] = share_links_for(self, request)
        context["kind"] = self.article_kind
        context["corrections_at_top"], context["corrections_at_foot"] = self._placed_corrections()
        if self.pk and not getattr(request, "is_preview", False):
            from dateline.news.queries import related_articles

            context["related_articles"] = related_articles(self, request)
        data = context["structured_data"] = article_structured_data(self, request)
        context["article_data"] = data["@graph"][0] if "@graph" in data else data
        return context

    def _placed_corrections(self) -> tuple[list, list]:
        """The notices above the story and below it, where the newsroom's settings put each kind."""
        settings = self.newsroom_settings
        top, foot = [], []
        for item in self.correction_list:
            position = settings.correction_position if item.is_correction else settings.clarification_position
            (top if position == "top" else foot).append(item)
        return top, foot
