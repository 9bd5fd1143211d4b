import datetime
import re
from html import escape  # the standard library's: Django's wraps it for lazy strings, at a cost per call

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, ngettext

from dateline.core.templatetags.core_tags import datetime_formatter
from dateline.news.kinds import kind_by_id

register = template.Library()

# The opening tag of a paragraph block's first paragraph (rich text may carry data-block-key).
_OPENING_PARAGRAPH = re.compile(r"\s*<p(?:\s[^>]*)?>")


@register.simple_tag(takes_context=True)
def render_body(context, article):
    """The article body with the dateline as the lead-in of its first paragraph.

    When the body does not open with a paragraph (a photo, a quote, a list), the dateline gets a
    paragraph of its own.
    """
    # The separator exactly as the newsroom's style types it ("--", " —"): no space of ours before it.
    dateline = format_html(
        '<span class="dateline">{}</span>{}', article.dateline_text, article.language_dateline_style.separator
    )
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


@register.simple_tag(takes_context=True)
def teaser(context, article, counts=None, heading_level=3) -> SafeString:
    """One story in a listing, given its teaser_url and teaser_photo (news.queries.prepare_teasers)
    and the listing's approved comment counts by page id ({% comment_counts %}).

    Built in Python: a front page shows 30-odd teasers, and through a template include each cost
    about 20 variable lookups, a fifth of the first reader's render after an edit. Every piece of
    editors' text is escaped here. heading_level (default 3) keeps the page's outline right.
    """
    formatter = context.render_context.get(_TEASER_DATES)
    if formatter is None:  # once per render: the active language's DATE_FORMAT, compiled
        formatter = context.render_context[_TEASER_DATES] = datetime_formatter("DATE_FORMAT")
    level = int(heading_level or 3)
    url = escape(article.teaser_url or "")
    lang = article.locale.language_code if article.locale_id else None
    # A story in another language than the page's says so (lang) for screen readers and translators.
    lang_attribute = f' lang="{escape(lang)}"' if lang and lang != get_language() else ""
    kind = kind_by_id(getattr(article, "kind_id", None))
    modifier = f" {kind.css_modifier}" if kind is not None and kind.css_modifier else ""
    parts = [f'<article class="teaser{modifier}"{lang_attribute}>']
    photo = getattr(article, "teaser_photo", None)
    if photo:
        parts.append(
            f'<img alt="" class="teaser__photo" decoding="async" height="{int(photo.height)}" loading="lazy" '
            f'src="{escape(photo.url)}" width="{int(photo.width)}">'
        )
    label = kind_label_html(kind, article)
    parts.append(f'<h{level} class="teaser__headline"><a href="{url}">{label}{escape(article.title)}</a></h{level}>')
    if article.standfirst:
        parts.append(f'<p class="teaser__standfirst">{escape(article.standfirst)}</p>')
    published = article.published_at
    when = iso = ""
    if published is not None:
        published = timezone.localtime(published) if timezone.is_aware(published) else published
        iso, when = published.replace(microsecond=0).isoformat(), escape(formatter(published))
    count = (counts or {}).get(article.pk, 0)
    comments = ""
    if count:
        text = ngettext("%(n)s comment", "%(n)s comments", count) % {"n": count}
        comments = f' · <a href="{url}#comments">{escape(text)}</a>'
    parts.append(f'<p class="teaser__meta"><time datetime="{iso}">{when}</time>{comments}</p></article>')
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text above went through escape()


_TEASER_DATES = "dateline_teaser_dates"


def kind_name(kind) -> str:
    """The kind's name in the reader's language when it is one of ours, else as administrators typed it."""
    return gettext(kind.name) if kind.name else ""


def kind_label_html(kind, article=None) -> str:
    """The kind of work before a headline: seen as a label, heard as "Opinion:" by screen readers.

    Sponsored pieces name their sponsor ("Sponsored by Acme").
    """
    if kind is None or not kind.is_labelled:
        return ""
    text = kind_name(kind)
    sponsor = getattr(article, "sponsor_name", "") if kind.is_sponsored else ""
    if sponsor:
        text = gettext("Sponsored by %(sponsor)s") % {"sponsor": sponsor}
    return f'<span class="kind-label">{escape(text)}<span class="visually-hidden">: </span></span> '


@register.simple_tag
def kind_label(kind, article=None) -> SafeString:
    return mark_safe(kind_label_html(kind, article))  # noqa: S308 - escaped in kind_label_html


@register.filter
def kind_of(article):
    """The kind of work of a story (from the memo of kinds: no query)."""
    return kind_by_id(getattr(article, "kind_id", None))
