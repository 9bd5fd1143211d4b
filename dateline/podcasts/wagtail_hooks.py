from django.contrib import messages
from wagtail import hooks

from .feed import artwork_problems
from .models import PodcastShowPage


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_about_show_artwork(request, page):
    """Apple and Spotify refuse or crop artwork that is not a square of 1400 to 3000 pixels: say so."""
    if isinstance(page.specific, PodcastShowPage):
        for problem in artwork_problems(page.specific.artwork):
            messages.warning(request, problem)
