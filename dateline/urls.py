from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.static import serve as serve_media
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from dateline.accounts.views import ThrottledPasswordResetView
from dateline.api import urls as api_urls
from dateline.audio.urls import media_urlpatterns as audio_media_urls
from dateline.comments import urls as comments_urls
from dateline.core.health import healthz
from dateline.feeds import crawler_urls, feed_urls
from dateline.live import urls as live_urls
from dateline.news import urls as news_urls
from dateline.newsletters import urls as newsletter_urls
from dateline.podcasts import urls as podcasts_urls
from dateline.readership import urls as readership_urls
from dateline.search import urls as search_urls

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # Ahead of Wagtail's own: the same page, with a limit on how many e-mails it sends (accounts.throttling).
    path("admin/password_reset/", ThrottledPasswordResetView.as_view(), name="wagtailadmin_password_reset"),
    path("admin/", include(wagtailadmin_urls)),
    path("comments/", include(comments_urls)),
    path("newsletters/", include(newsletter_urls)),
    path("live/", include(live_urls)),
    path("_views", include(readership_urls)),
    path("api/", include(api_urls)),
    path("", include(crawler_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include(podcasts_urls)),
]

if settings.DEBUG or settings.DATELINE_SERVE_MEDIA:
    # Audio with byte ranges, so players can seek (dateline.audio.views); other uploads below.
    urlpatterns += audio_media_urls

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
elif settings.DATELINE_SERVE_MEDIA:
    # Production without a media server or S3: the app serves uploads, Varnish caches them.
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", serve_media, {"document_root": settings.MEDIA_ROOT})]

# Reader-facing pages: English at /, other languages under /<code>/.
urlpatterns += i18n_patterns(
    path("", include(news_urls)),
    path("", include(feed_urls)),
    path("", include(search_urls)),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
