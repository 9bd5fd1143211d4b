"""The floor: a plain Django template rendering an article-like page of a given size, no database.

    DATELINE_FLOOR_BYTES=108000 granian --interface wsgi --working-dir benchmarks floor_app:application

benchmarks/run serves this with granian and the same worker count as the app, sized to the benchmark
article's response (DATELINE_FLOOR_BYTES, in bytes), and compares each cold row's CPU per request to it:
the target is at most 2x. Django is configured here and nowhere else (no database, no Wagtail, no
middleware); every request renders the template afresh: a loop over 50 comments through an included
template, ten paragraphs, navigation and related stories, autoescaped reader text, a few filters and
the structured data through json_script. Comment and teaser dates come formatted once with the data,
as a view that prefetches would hand them over (Django's date filter costs about 0.06 ms a call).
The text is lengthened until the page is as long as the target, and the last few bytes are made up
by a filler paragraph.
"""

from __future__ import annotations

import os
import random
from datetime import UTC, datetime, timedelta

import django
from django.conf import settings

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ article.title }} | {{ site_name }}</title>
<meta name="description" content="{{ article.standfirst|truncatewords:30 }}">
<link rel="canonical" href="{{ base_url }}{{ article.url }}">
<meta property="og:title" content="{{ article.title }}">
<meta property="og:image" content="{{ base_url }}{{ article.photo.url }}">
<link rel="alternate" type="application/rss+xml" href="/feeds/rss.xml" title="{{ site_name }}">
<link rel="stylesheet" href="/static/dateline/site.css">
{{ json_ld|json_script:"article-data" }}
</head>
<body>
<header class="masthead"><a class="brand" href="/">{{ site_name }}</a>
<nav aria-label="Sections"><ul>{% for link in navigation %}
<li><a href="{{ link.url }}"{% if link.url == article.section_url %} aria-current="page"{% endif %}>
{{ link.title }}</a></li>{% endfor %}
</ul></nav>
<form role="search" action="/search/"><label for="q">Search</label><input id="q" name="q" type="search"></form>
</header>
<main id="content">
<nav aria-label="Breadcrumb"><ol><li><a href="/">Home</a></li>
<li><a href="{{ article.section_url }}">{{ article.section }}</a></li></ol></nav>
<article>
<h1>{{ article.title }}</h1>
<p class="standfirst">{{ article.standfirst }}</p>
<p class="byline">By {% for author in article.authors %}<a href="{{ author.url }}">{{ author.name }}</a>
{% if not forloop.last %}, {% endif %}{% endfor %}
<span class="dateline">{{ article.place|upper }}</span>
<time datetime="{{ article.published|date:"c" }}">{{ article.published|date:"j F Y, H:i" }}</time></p>
<figure><img src="{{ article.photo.url }}" width="{{ article.photo.width }}" height="{{ article.photo.height }}"
alt="{{ article.photo.alt }}">
<figcaption>{{ article.photo.caption }} <small>Photo: {{ article.photo.credit }}</small></figcaption></figure>
{% for paragraph in article.paragraphs %}{% if forloop.counter == 5 %}
<blockquote><p>{{ article.quote }}</p></blockquote>
{% endif %}<p>{{ paragraph }}</p>
{% endfor %}<p class="floor-filler">{{ filler }}</p>
<ul class="tags">{% for tag in article.tags %}
<li><a href="/tags/{{ tag|slugify }}/">{{ tag|title }}</a></li>{% endfor %}</ul>
</article>
<section class="comments" id="comments">
<h2>{{ comments|length }} comment{{ comments|length|pluralize }}</h2>
<ol>{% for comment in comments %}{% include "comment.html" %}{% endfor %}</ol>
<form method="post" action="/comments/{{ article.id }}/post/">
<p><label for="name">Name</label><input id="name" name="name" maxlength="80" required></p>
<p><label for="email">Email</label><input id="email" name="email" type="email" required></p>
<p><label for="body">Comment</label><textarea id="body" name="body" rows="6" required></textarea></p>
<p><button type="submit">Post comment</button></p>
</form>
</section>
<aside aria-labelledby="related"><h2 id="related">More from {{ article.section }}</h2>
<ul>{% for teaser in related %}{% include "teaser.html" %}{% endfor %}</ul></aside>
</main>
<footer><p>&copy; {{ year }} {{ site_name }}</p>
<ul>{% for link in navigation %}<li><a href="{{ link.url }}">{{ link.title }}</a></li>{% endfor %}</ul></footer>
</body>
</html>
"""

COMMENT = """<li class="comment" id="comment-{{ comment.id }}">
<p class="comment-meta"><strong>{{ comment.name }}</strong>
<time datetime="{{ comment.posted_iso }}">{{ comment.posted_text }}</time></p>
<div class="comment-body">{{ comment.body|linebreaksbr }}</div></li>
"""

TEASER = """<li class="teaser"><a href="{{ teaser.url }}">{{ teaser.title }}</a>
<p>{{ teaser.standfirst|truncatewords:24 }}</p>
<time datetime="{{ teaser.published_iso }}">{{ teaser.published_text }}</time>
<span class="count">{{ teaser.comments }} comment{{ teaser.comments|pluralize }}</span></li>
"""

settings.configure(
    DEBUG=False,
    SECRET_KEY="floor",  # noqa: S106 - signs nothing: no sessions, no forms, no cookies
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    USE_TZ=True,
    TIME_ZONE="UTC",
    TEMPLATES=[
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "OPTIONS": {
                "loaders": [
                    (
                        "django.template.loaders.cached.Loader",
                        [
                            (
                                "django.template.loaders.locmem.Loader",
                                {"page.html": PAGE, "comment.html": COMMENT, "teaser.html": TEASER},
                            )
                        ],
                    )
                ]
            },
        }
    ],
)
django.setup()

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.template.loader import get_template  # noqa: E402
from django.urls import path  # noqa: E402

# Reader text with what autoescaping has to work on: quotes, ampersands, angle brackets, accents.
WORDS = (
    "government minister agreement talks budget election council river harbour workers union court "
    "ruling protest parliament report hospital school drought harvest energy grid railway bridge "
    "festival museum league coach striker season vaccine study researchers climate emissions market "
    "prices inflation exports mayor district residents police inquiry witnesses evidence officials "
    "don't \"really\" <b>bold</b> R&D café naïve O'Neil 5>3 AT&T"
).split()
NAMES = ["Ana Pérez", "Ben O'Neil", "Chloé Moreau", "Dmitri Novak", "Eva <Silva>", "Farid & Co", "Grace Tanaka"]
SECTIONS = ["World", "Europe", "Americas", "Business", "Science", "Culture", "Sport", "Opinion"]


def text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def context(words: int) -> dict:
    """The page's data, paragraphs and comments `words` long (comments a third of that)."""
    rng = random.Random(7)
    published = datetime(2026, 5, 4, 9, 30, tzinfo=UTC)
    article = {
        "id": 4242,
        "title": "Ministers agree a budget for the harbour & railway bridge",
        "url": "/world/benchmark-article/",
        "section": "World",
        "section_url": "/world/",
        "standfirst": text(rng, 40),
        "place": "Brussels",
        "published": published,
        "authors": [{"name": name, "url": f"/people/{n}/"} for n, name in enumerate(NAMES[:2])],
        "photo": {
            "url": "/media/images/harbour.width-1200.jpg",
            "width": 1200,
            "height": 800,
            "alt": text(rng, 8),
            "caption": text(rng, 14),
            "credit": "Agence <Nord>",
        },
        "paragraphs": [text(rng, words) for _ in range(10)],
        "quote": text(rng, 20),
        "tags": ["Harbour works", "Budget 2026", "Rail & roads"],
    }
    comments = [
        {
            "id": 1000 + n,
            "name": rng.choice(NAMES),
            "posted_iso": (published + timedelta(minutes=7 * n)).isoformat(timespec="seconds"),
            "posted_text": f"{4 + n // 200} May 2026, {9 + n // 8:02d}:{(7 * n) % 60:02d}",
            "body": text(rng, max(3, words // 6)) + "\n" + text(rng, max(3, words // 6)),
        }
        for n in range(50)
    ]
    related = [
        {
            "url": f"/world/story-{n}/",
            "title": text(rng, 9),
            "standfirst": text(rng, 30),
            "published_iso": (published - timedelta(hours=n)).isoformat(timespec="seconds"),
            "published_text": "4 May 2026" if n < 10 else "3 May 2026",
            "comments": n % 4,
        }
        for n in range(12)
    ]
    json_ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article["title"],
        "datePublished": published.isoformat(),
        "author": [{"@type": "Person", "name": author["name"]} for author in article["authors"]],
    }
    return {
        "site_name": "Dateline",
        "base_url": "http://127.0.0.1:6081",
        "year": 2026,
        "navigation": [{"title": name, "url": f"/{name.lower()}/"} for name in SECTIONS],
        "article": article,
        "comments": comments,
        "related": related,
        "json_ld": json_ld,
        "filler": "",
    }


def sized_context(target: int) -> dict:
    """The longest text that stays within `target` bytes, then a filler paragraph for the rest."""
    template = get_template("page.html")

    def size(data: dict) -> int:
        return len(template.render(data).encode())

    low, high = 1, 4000
    while low < high:
        middle = (low + high + 1) // 2
        if size(context(middle)) <= target:
            low = middle
        else:
            high = middle - 1
    data = context(low)
    data["filler"] = "f" * max(0, target - size(data))
    return data


PAGE_CONTEXT = sized_context(int(os.environ.get("DATELINE_FLOOR_BYTES", "108000")))


def article(request):
    return HttpResponse(get_template("page.html").render(PAGE_CONTEXT, request))


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("healthz", healthz), path("article/", article)]
application = get_wsgi_application()
