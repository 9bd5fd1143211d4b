from django import template
from wagtail.models import Locale

from dateline.home.models import HomePage
from dateline.news.models import SectionPage

register = template.Library()


@register.inclusion_tag("home/includes/site_nav.html", takes_context=True)
def site_navigation(context):
    """The front page and sections of the current language, for the site header."""
    request = context.get("request")
    home = HomePage.objects.live().filter(locale=Locale.get_active()).first()
    sections = SectionPage.objects.live().public().child_of(home) if home else []
    current = context.get("page")
    current_path = getattr(current, "url_path", "")
    return {
        "request": request,
        "home": home,
        "sections": [(section, current_path.startswith(section.url_path)) for section in sections],
    }
