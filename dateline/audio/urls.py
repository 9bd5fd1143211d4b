from django.conf import settings
from django.urls import re_path

from .views import serve_audio

# Ahead of the media route in dateline/urls.py, wherever the app serves MEDIA_ROOT itself.
media_urlpatterns = [re_path(rf"^{settings.MEDIA_URL.strip('/')}/audio/(?P<path>.+)$", serve_audio, name="audio-media")]
