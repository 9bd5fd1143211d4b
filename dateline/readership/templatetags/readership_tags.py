from django import template

from ..queries import most_read

register = template.Library()


@register.inclusion_tag("readership/includes/most_read.html", takes_context=True)
def most_read_list(context, page):
    """The page's language's most read stories of today and yesterday (front pages carry MOST_READ_KEY)."""
    return {"most_read": most_read(page.locale_id, context.get("request"))}
