import datetime
import re

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# The opening tag of a paragraph block's first paragraph (rich text may carry data-block-key).
_OPENING_PARAGRAPH = re.compile(r"\s*<p(?:\s[^>]*)?>")


@register.simple_tag(takes_context=True)
def render_body(context, article):
    """The article body with the dateline as the lead-in of its first paragraph.

    When the body does not open with a paragraph (a photo, a quote, a list), the dateline gets a
    paragraph of its own.
    """
    dateline = format_html('<span class="dateline">{}</span> --', article.dateline_text)
    parts = [str(block.render(context=context.flatten())) for block in article.body]
    opening = _OPENING_PARAGRAPH.match(parts[0]) if parts and article.body[0].block_type == "paragraph" else None
    if opening:
        end = opening.end()
        parts[0] = parts[0][:end] + dateline + " " + parts[0][end:]
    else:
        parts.insert(0, format_html("<p>{}</p>", dateline))
    # Every part is HTML rendered by our block templates, which escape what editors typed.
    return mark_safe("".join(parts))  # noqa: S308


@register.filter(expects_localtime=True)
def iso_datetime(value):
    """`value` for a <time datetime> attribute: ISO 8601 to the second, in the current time zone.

    Django's `|date:"c"` keeps microseconds, and HTML allows at most three digits of a second.
    """
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.replace(microsecond=0)
    return value.isoformat()
