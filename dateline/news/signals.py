"""Keep caches true to the newsroom: purge what shows an article, section or person when it changes.

Publishing, unpublishing, editing, scheduling (Wagtail's publish_scheduled sends the same
signals), moving and deleting an article purge the article and every listing that shows it: its
section, the front page, its tag and person pages, feeds and archives (dateline.core.purge.purge_page:
surrogate keys for the app cache and Varnish, URLs for URL-only caches). Wagtail's own frontend-cache
handlers purge the page's URL as well; this adds the pages around it.

Publishing also queues the renditions the article's photos will be shown in, so no reader waits for them.
"""

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.utils import translation
from taggit.models import Tag
from wagtail.images.models import Filter
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

from dateline.core.headers import CacheKeysMixin
from dateline.core.memo import row_key
from dateline.core.purge import purge, purge_all_pages, purge_page
from dateline.core.tasks import prepare_renditions
from dateline.news.models import ArticleKind, ArticlePage, Person

# The renditions article photos are shown in: news/includes/figure.html (article and body photos),
# news_tags.teaser (listings), ArticlePage.SOCIAL_IMAGE_SPEC (share cards, feed enclosures)
# and the front page's lead story (home/home_page.html).
PHOTO_SPECS = [
    *Filter.expand_spec("format-{webp,jpeg} width-{480,800,1200}"),
    "fill-480x270|format-webp",
    ArticlePage.SOCIAL_IMAGE_SPEC,
    *Filter.expand_spec("format-{webp,jpeg} fill-{480x270,960x540,1440x810}"),
]


def photo_ids_of(article: ArticlePage) -> list[int]:
    """The lead photo and every photo block in the body."""
    ids = [article.lead_photo_id] if article.lead_photo_id else []
    for block in article.body:
        photo = block.value.get("photo") if hasattr(block.value, "get") else None
        if photo is not None:
            ids.append(photo.pk)
    return ids


def purge_published_page(sender, instance, **kwargs):
    purge_page(instance)
    if isinstance(instance, ArticlePage):
        photo_ids = photo_ids_of(instance)
        if photo_ids:
            transaction.on_commit(lambda: prepare_renditions.enqueue(photo_ids, PHOTO_SPECS))


def purge_unpublished_page(sender, instance, **kwargs):
    # Taken down (a correction, a legal order): no cache may show it again.
    purge_page(instance)


def purge_live_version_before_save(sender, instance, raw=False, update_fields=None, **kwargs):
    """Publishing over a live article: purge where the old version shows (tags, people or slug it drops)."""
    if raw or update_fields is not None or instance.pk is None:
        return
    live = ArticlePage.objects.filter(pk=instance.pk, live=True).first()
    if live is not None:
        purge_page(live)


def purge_before_move(sender, instance, **kwargs):
    if instance.live:
        purge_page(instance)


def purge_after_move(sender, instance, **kwargs):
    page = Page.objects.get(pk=instance.pk).specific
    if page.live:
        purge_page(page)


def _person_page_url(person: Person) -> str | None:
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    with translation.override(person.locale.language_code if person.locale_id else None):
        return site.root_url + person.get_absolute_url()


def remember_person_slug(sender, instance, raw=False, **kwargs):
    if not raw and instance.pk:
        instance._slug_before_save = Person.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()


def purge_person(sender, instance, raw=False, **kwargs):
    """A byline changed: the person's page and every article that names them (they carry its key)."""
    if raw:
        return
    slugs = {instance.slug, getattr(instance, "_slug_before_save", None)} - {None}
    url = _person_page_url(instance)
    purge(urls=[url] if url else [], keys=[*(f"person-{slug}" for slug in slugs), row_key(Person, instance.pk)])


def articles_showing(photo) -> list[ArticlePage]:
    """Live articles that show a photo: as their lead, or in their body (Wagtail's reference index)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ReferenceIndex

    page_type = ContentType.objects.get_for_model(Page)
    in_body = ReferenceIndex.get_references_to(photo).filter(base_content_type=page_type).values("object_id")
    referenced = [int(pk) for pk in in_body.values_list("object_id", flat=True) if str(pk).isdigit()]
    return list(ArticlePage.objects.live().filter(Q(lead_photo=photo) | Q(pk__in=referenced)))


def purge_photo_pages(sender, instance, created=False, raw=False, **kwargs):
    """An edited photo (credit, caption, focal point, file) or a deleted one: purge where it shows."""
    if raw or created:
        return
    purge(keys=[row_key(sender, instance.pk)])  # what the memo keeps of it (a lead photo, the logo)
    for article in articles_showing(instance):
        purge_page(article)


def remember_tag_slug(sender, instance, raw=False, **kwargs):
    if not raw and instance.pk:
        instance._slug_before_save = Tag.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()


def purge_tag(sender, instance, raw=False, **kwargs):
    if raw:
        return
    slugs = {instance.slug, getattr(instance, "_slug_before_save", None)} - {None}
    purge(keys=[f"tag-{slug}" for slug in slugs])


def purge_on_kind_change(sender, instance, raw=False, **kwargs):
    """A kind of work renamed, restyled or retyped shows on every page that lists or is such a piece."""
    if not raw:
        purge_all_pages()


def connect() -> None:
    """Called from NewsConfig.ready()."""
    uid = "dateline.news.signals."
    # Every page type that says its surrogate keys (articles, sections, front pages).
    page_types = [model for model in apps.get_models() if issubclass(model, Page) and issubclass(model, CacheKeysMixin)]
    for model in page_types:
        page_published.connect(purge_published_page, sender=model, dispatch_uid=uid + "published" + model.__name__)
        page_unpublished.connect(
            purge_unpublished_page, sender=model, dispatch_uid=uid + "unpublished" + model.__name__
        )
        pre_page_move.connect(purge_before_move, sender=model, dispatch_uid=uid + "pre_move" + model.__name__)
        post_page_move.connect(purge_after_move, sender=model, dispatch_uid=uid + "post_move" + model.__name__)
    pre_save.connect(purge_live_version_before_save, sender=ArticlePage, dispatch_uid=uid + "article_pre_save")
    pre_save.connect(remember_person_slug, sender=Person, dispatch_uid=uid + "person_pre_save")
    post_save.connect(purge_person, sender=Person, dispatch_uid=uid + "person_saved")
    post_delete.connect(purge_person, sender=Person, dispatch_uid=uid + "person_deleted")
    photo_model = apps.get_model(settings.WAGTAILIMAGES_IMAGE_MODEL)
    post_save.connect(purge_photo_pages, sender=photo_model, dispatch_uid=uid + "photo_saved")
    pre_delete.connect(purge_photo_pages, sender=photo_model, dispatch_uid=uid + "photo_deleted")
    pre_save.connect(remember_tag_slug, sender=Tag, dispatch_uid=uid + "tag_pre_save")
    post_save.connect(purge_tag, sender=Tag, dispatch_uid=uid + "tag_saved")
    post_delete.connect(purge_tag, sender=Tag, dispatch_uid=uid + "tag_deleted")
    post_save.connect(purge_on_kind_change, sender=ArticleKind, dispatch_uid=uid + "kind_saved")
    post_delete.connect(purge_on_kind_change, sender=ArticleKind, dispatch_uid=uid + "kind_deleted")
