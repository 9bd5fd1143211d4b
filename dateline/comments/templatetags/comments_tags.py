"""How other rooms show comments without importing this one: template tags only."""

from django import template

register = template.Library()


@register.inclusion_tag("comments/comments_section.html", takes_context=True)
def comments_section(context, article):
    return {"article": article, "request": context.get("request")}


@register.simple_tag
def comment_count_link(article):
    return ""


@register.simple_tag
def comment_counts(articles):
    """Approved comment counts for a list of articles, keyed by page id, in one query."""
    return {}


@register.filter
def count_for(counts, article):
    return (counts or {}).get(getattr(article, "pk", None), 0)
