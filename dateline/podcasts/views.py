"""The OPML of every show: one file a listener imports to follow them all."""

from xml.etree import ElementTree as ET

from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.http import require_safe
from wagtail.models import Site

from dateline.core.headers import tag_response

from .models import SHOWS_KEY
from .queries import published_shows


@require_safe
def opml(request):
    site = Site.find_for_request(request)
    root = ET.Element("opml", {"version": "2.0"})
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = f"{settings.DATELINE_SITE_NAME} podcasts"
    body = ET.SubElement(root, "body")
    for show in published_shows(site):
        url = show.get_full_url(request)
        ET.SubElement(
            body,
            "outline",
            {"type": "rss", "text": show.title, "title": show.title, "xmlUrl": url + "feed/", "htmlUrl": url},
        )
    ET.indent(root)
    body = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    response = HttpResponse(body, content_type="text/x-opml; charset=utf-8")
    return tag_response(response, [SHOWS_KEY])
