"""The site's routes with audio served by the app, as in development or with DATELINE_SERVE_MEDIA
(tests run with DEBUG off, where dateline/urls.py leaves media to a media server)."""

from dateline.audio.urls import media_urlpatterns
from dateline.urls import urlpatterns as site_urlpatterns

urlpatterns = [*media_urlpatterns, *site_urlpatterns]
