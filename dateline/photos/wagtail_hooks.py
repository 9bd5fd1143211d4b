"""Admin wiring of the photos room: Wagtail's multiple upload, with the photo's own fields in its first step."""

from django.urls import path
from wagtail import hooks

from .views import PhotoAddView


# Listed before wagtail.images' own URLs (this app comes first in INSTALLED_APPS), so this view
# answers Wagtail's "add_multiple" address and the upload page's form posts to it.
@hooks.register("register_admin_urls")
def register_photo_upload_url():
    return [path("images/multiple/add/", PhotoAddView.as_view(), name="photos_add_multiple")]
