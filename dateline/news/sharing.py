"""Share links: plain URLs to each network's own share page, no scripts and no trackers."""

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ShareLink:
    network: str
    label: str
    url: str


def _query(**params: str) -> str:
    # quote, not quote_plus: a "+" for a space is wrong in mailto: and in WhatsApp's text.
    return urlencode({key: value for key, value in params.items() if value}, quote_via=quote)


def _build(network: str, *, url: str, title: str, summary: str, image_url: str) -> str:
    text = f"{title} {url}"
    if network == "pinterest":
        return "https://www.pinterest.com/pin/create/button/?" + _query(url=url, media=image_url, description=title)
    if network == "telegram":
        return "https://t.me/share/url?" + _query(url=url, text=title)
    if network == "linkedin":
        return "https://www.linkedin.com/sharing/share-offsite/?" + _query(url=url)
    if network == "whatsapp":
        return "https://wa.me/?" + _query(text=text)
    if network == "x":
        return "https://x.com/intent/post?" + _query(url=url, text=title)
    if network == "facebook":
        return "https://www.facebook.com/sharer/sharer.php?" + _query(u=url)
    if network == "email":
        body = f"{summary}\n\n{url}" if summary else url
        return "mailto:?" + _query(subject=title, body=body)
    raise ValueError(f"Unknown share network: {network}")


LABELS = {
    "pinterest": "Pinterest",
    "telegram": "Telegram",
    "linkedin": "LinkedIn",
    "whatsapp": "WhatsApp",
    "x": "X",
    "facebook": "Facebook",
    "email": _("E-mail"),
}


def share_links_for(article, request) -> list[ShareLink]:
    """The newsroom's chosen share targets for one article, each URL fully encoded."""
    url = article.get_full_url(request)
    image_url = article.social_image_url(request)
    links = []
    for network in article.newsroom_settings.share_target_keys:
        if network in LABELS:
            href = _build(network, url=url, title=article.title, summary=article.standfirst, image_url=image_url)
            links.append(ShareLink(network=network, label=str(LABELS[network]), url=href))
    return links
