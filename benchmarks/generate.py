"""Fill the database with a newsroom's volume: sections, people, tags, photos, articles, comments.

    python benchmarks/generate.py --articles 100000 --comments 1000000

Runs against whatever DATABASE_URL / DJANGO_SETTINGS_MODULE say (benchmarks/run passes the local
stack's environment). It tops up to the counts asked for, so a second run with bigger numbers adds
only the difference. Articles are written in bulk with their materialised tree paths computed here
(Wagtail's add_child costs several queries per page); the result passes treebeard's tree check.

One article is always the same: "benchmark-article" in the first section, with a lead photo,
nine paragraphs, a quote and exactly 50 approved comments. Its URL is printed on the last line.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import random
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dateline.settings.dev")

import django

django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.core.files.base import ContentFile  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from PIL import Image as PILImage  # noqa: E402
from PIL import ImageDraw  # noqa: E402
from taggit.models import Tag  # noqa: E402
from wagtail.models import Page, Site  # noqa: E402

from dateline.news.models import ArticleAuthor, ArticleKind, ArticlePage, ArticleTag, Person, SectionPage  # noqa: E402
from dateline.photos.models import Photo  # noqa: E402

BENCH_SLUG = "benchmark-article"
BENCH_COMMENTS = 50
SECTIONS = ["World", "Europe", "Americas", "Business", "Science", "Culture", "Sport", "Opinion"]
PLACES = ["Brussels", "Lima", "Nairobi", "Jakarta", "Montreal", "Oslo", "Santiago", "Accra", "Seoul", "Porto"]
WORDS = (
    "government minister agreement talks budget election council river harbour workers union court "
    "ruling protest parliament report hospital school drought harvest energy grid railway bridge "
    "festival museum league coach striker season vaccine study researchers climate emissions market "
    "prices inflation exports mayor district residents police inquiry witnesses evidence officials"
).split()
FIRST_NAMES = ["Ana", "Ben", "Chloé", "Dmitri", "Eva", "Farid", "Grace", "Hugo", "Ines", "Jon", "Kemi", "Luis"]
LAST_NAMES = ["Pérez", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Silva", "Novak", "Haddad", "Kowalski", "Reyes"]
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
BATCH = 2000


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng, rng.randint(12, 24)) for _ in range(rng.randint(3, 5)))


def tree_step(number: int) -> str:
    """Treebeard's materialised-path step: base 36, four characters (Page.steplen)."""
    digits = ""
    while number:
        number, rest = divmod(number, 36)
        digits = ALPHABET[rest] + digits
    return digits.rjust(Page.steplen, "0")


def body_for(rng: random.Random, *, photo: Photo | None = None) -> list[dict]:
    blocks = [{"type": "paragraph", "value": f"<p>{paragraph(rng)}</p>", "id": str(uuid.uuid4())} for _ in range(9)]
    blocks.insert(4, {"type": "subheading", "value": sentence(rng, 5)[:-1], "id": str(uuid.uuid4())})
    quote = {"quote": sentence(rng, 18), "attribution": rng.choice(FIRST_NAMES), "source": "", "source_url": ""}
    quote["language"] = ""
    blocks.insert(7, {"type": "quote", "value": quote, "id": str(uuid.uuid4())})
    if photo is not None:
        photo_value = {"photo": photo.pk, "caption": ""}
        blocks.insert(9, {"type": "photo", "value": photo_value, "id": str(uuid.uuid4())})
    return blocks


def ensure_sections(home: Page) -> list[SectionPage]:
    sections = []
    for title in SECTIONS:
        slug = title.lower()
        section = SectionPage.objects.child_of(home).filter(slug=slug).first()
        if section is None:
            section = home.add_child(instance=SectionPage(title=title, slug=slug, locale_id=home.locale_id))
        sections.append(section)
    return sections


def ensure_people(count: int, rng: random.Random, *, locale_id: int) -> list[Person]:
    existing = Person.objects.filter(slug__startswith="bench-").count()
    translatable = any(field.name == "locale" for field in Person._meta.get_fields())
    extra = {"locale_id": locale_id} if translatable else {}
    Person.objects.bulk_create(
        Person(
            name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            slug=f"bench-{n}",
            role=rng.choice(["Correspondent", "Reporter", "Europe editor", "Photographer"]),
            bio=sentence(rng, 20),
            **extra,
        )
        for n in range(existing, count)
    )
    return list(Person.objects.filter(slug__startswith="bench-").order_by("pk")[:count])


def ensure_tags(count: int) -> list[Tag]:
    existing = set(Tag.objects.filter(slug__startswith="bench-").values_list("slug", flat=True))
    Tag.objects.bulk_create(
        Tag(name=f"Topic {n}", slug=f"bench-{n}") for n in range(count) if f"bench-{n}" not in existing
    )
    return list(Tag.objects.filter(slug__startswith="bench-").order_by("pk")[:count])


def ensure_images(count: int, rng: random.Random) -> list[Photo]:
    photos = list(Photo.objects.filter(title__startswith="Benchmark photo").order_by("pk"))
    for n in range(len(photos), count):
        picture = PILImage.new("RGB", (1600, 900), tuple(rng.randrange(40, 220) for _ in range(3)))
        draw = ImageDraw.Draw(picture)
        for _ in range(12):
            x, y = rng.randrange(1600), rng.randrange(900)
            draw.ellipse((x, y, x + rng.randrange(80, 400), y + rng.randrange(80, 300)), fill=(255, 255, 255))
        buffer = io.BytesIO()
        picture.save(buffer, "JPEG", quality=82)
        photo = Photo(
            title=f"Benchmark photo {n}",
            credit=rng.choice(["AFP", "Reuters", "Ana Pérez", "Staff"]),
            default_caption=sentence(rng, 10),
            description=sentence(rng, 6),
            file_size=buffer.tell(),
        )
        photo.file.save(f"bench-{n}.jpg", ContentFile(buffer.getvalue()), save=False)
        photo.width, photo.height = picture.size
        photo.save()
        photos.append(photo)
    return photos[:count]


def add_articles(
    sections: list[SectionPage],
    count: int,
    *,
    people: list[Person],
    tags: list[Tag],
    photos: list[Photo],
    rng: random.Random,
) -> int:
    """Insert `count` live articles spread over the sections, newest last; returns how many."""
    content_type = ContentType.objects.get_for_model(ArticlePage)
    now = timezone.now()
    made = 0
    while made < count:
        size = min(BATCH, count - made)
        pages, children, authors, tagged = [], [], [], []
        plan = {}
        for section in sections:
            section.refresh_from_db(fields=["numchild", "path", "url_path", "depth"])
            plan[section.pk] = section.numchild
        for _ in range(size):
            section = rng.choice(sections)
            plan[section.pk] += 1
            position = plan[section.pk]
            published = now - timedelta(minutes=rng.randrange(0, 60 * 24 * 365 * 3))
            slug = f"story-{section.slug}-{position}"
            title = sentence(rng, rng.randint(6, 11))[:-1]
            pages.append(
                Page(
                    title=title,
                    draft_title=title,
                    slug=slug,
                    content_type=content_type,
                    path=section.path + tree_step(position),
                    depth=section.depth + 1,
                    numchild=0,
                    url_path=f"{section.url_path}{slug}/",
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=published,
                    last_published_at=published,
                    latest_revision_created_at=published,
                    locale_id=section.locale_id,
                    translation_key=uuid.uuid4(),
                )
            )
        kinds = dict(ArticleKind.objects.values_list("slug", "pk"))  # the kinds of work the migrations made
        with transaction.atomic():
            Page.objects.bulk_create(pages)
            for page in pages:
                photo = rng.choice(photos) if photos and rng.random() < 0.8 else None
                child = ArticlePage(
                    page_ptr_id=page.pk,
                    standfirst=sentence(rng, 22),
                    dateline_place=rng.choice(PLACES),
                    kind_id=kinds[rng.choice(["news"] * 6 + ["analysis", "opinion", "interview"])],
                    edited_by_id=rng.choice(people).pk if people else None,
                    lead_photo_id=photo.pk if photo else None,
                    body=body_for(rng),
                    comments_open=True,
                )
                children.append(child)
                for order, person in enumerate(rng.sample(people, k=min(len(people), rng.choice([1, 1, 1, 2])))):
                    authors.append(ArticleAuthor(article_id=page.pk, person_id=person.pk, sort_order=order))
                for tag in rng.sample(tags, k=min(len(tags), rng.randint(1, 4))):
                    tagged.append(ArticleTag(content_object_id=page.pk, tag_id=tag.pk))
            # Django's bulk_create refuses multi-table children; insert the article rows directly.
            ArticlePage.objects._insert(children, fields=ArticlePage._meta.local_concrete_fields)
            ArticleAuthor.objects.bulk_create(authors)
            ArticleTag.objects.bulk_create(tagged)
            for section in sections:
                SectionPage.objects.filter(pk=section.pk).update(numchild=plan[section.pk])
        made += size
        print(f"  articles: {made}/{count}", file=sys.stderr)
    return made


def ensure_bench_article(section: SectionPage, *, people, tags, photos, rng) -> ArticlePage:
    article = ArticlePage.objects.filter(slug=BENCH_SLUG).first()
    if article is not None:
        return article
    photo = photos[0] if photos else None
    article = ArticlePage(
        title="Ministers agree on a water plan after talks run through the night",
        slug=BENCH_SLUG,
        standfirst=sentence(rng, 24),
        dateline_place="Brussels",
        edited_by=people[0] if people else None,
        lead_photo=photo,
        body=body_for(rng),
        locale_id=section.locale_id,
        first_published_at=timezone.now() - timedelta(hours=3),
    )
    section.add_child(instance=article)
    for order, person in enumerate(people[1:3]):
        ArticleAuthor.objects.create(article=article, person=person, sort_order=order)
    for tag in tags[:3]:
        ArticleTag.objects.create(content_object=article, tag=tag)
    article.save_revision().publish()
    return ArticlePage.objects.get(pk=article.pk)


def comment_model():
    try:
        from dateline.comments.models import Comment
    except ImportError:
        return None
    return Comment


def add_comments(total: int, bench: ArticlePage, rng: random.Random) -> int:
    """Approved reader comments: 50 on the benchmark article, the rest skewed to recent stories."""
    Comment = comment_model()
    if Comment is None:
        print("  comments: no Comment model yet, skipped", file=sys.stderr)
        return 0
    fields = {f.name for f in Comment._meta.get_fields()}

    def comment(article_id: int, when) -> Comment:
        body = " ".join(sentence(rng, rng.randint(8, 30)) for _ in range(rng.randint(1, 3)))
        values = {"article_id": article_id, "name": rng.choice(FIRST_NAMES), "body": body, "created_at": when}
        if "status" in fields:
            values["status"] = "approved"
        if "body_hash" in fields:
            values["body_hash"] = hashlib.sha256(body.encode()).hexdigest()
        if "address_hash" in fields:
            values["address_hash"] = hashlib.sha256(str(rng.random()).encode()).hexdigest()
        return Comment(**values)

    on_bench = Comment.objects.filter(article=bench).count()
    Comment.objects.bulk_create(
        comment(bench.pk, timezone.now() - timedelta(minutes=n)) for n in range(on_bench, BENCH_COMMENTS)
    )
    missing = total - Comment.objects.count()
    if missing <= 0:
        return 0
    # Readers comment in the first hours after a story runs, so comments follow the articles'
    # publication dates (three years of them); recent stories draw somewhat more.
    articles = list(
        ArticlePage.objects.exclude(pk=bench.pk).order_by("-first_published_at").values_list("pk", "first_published_at")
    )
    made = 0
    now = timezone.now()
    while made < missing:
        size = min(BATCH * 5, missing - made)
        batch = []
        for _ in range(size):
            article_id, published = articles[min(int(rng.expovariate(1 / (len(articles) / 3))), len(articles) - 1)]
            when = min(now, (published or now) + timedelta(minutes=rng.expovariate(1 / 360)))
            batch.append(comment(article_id, when))
        Comment.objects.bulk_create(batch)
        made += size
        print(f"  comments: {made}/{missing}", file=sys.stderr)
    return made


def index_for_search(since_pk: int, limit: int) -> None:
    """Put up to `limit` of the new articles in Wagtail's search index, in batches.

    Wagtail's database backend indexes about 20 articles a second here, so a 100,000-article run
    indexes a sample through it; on PostgreSQL ``index_rest_by_sql`` then indexes the rest.
    """
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    queryset = ArticlePage.objects.filter(pk__gt=since_pk).order_by("pk")
    done = 0
    last = since_pk
    while done < limit:
        batch = list(queryset.filter(pk__gt=last)[: min(1000, limit - done)])
        if not batch:
            break
        backend.add_bulk(ArticlePage, batch)
        last = batch[-1].pk
        done += len(batch)
        print(f"  search index: {done}", file=sys.stderr)


def index_rest_by_sql() -> int:
    """On PostgreSQL, index every article still missing from Wagtail's search index in one statement.

    The entries have the shape Wagtail's PostgreSQL backend writes (headline weighted B and in
    autocomplete, standfirst and body text in body, the database's text search configuration), so a
    100,000-article archive is searchable, and a search measured at that size reads an index of that
    size, without the hour Wagtail's own indexing would take.
    """
    content_type = ContentType.objects.get_for_model(ArticlePage)
    text = "regexp_replace(a.body::text, '<[^>]+>|\"(id|type|value)\": \"?|[{}\\[\\],\"]', ' ', 'g')"
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO wagtailsearch_indexentry
                (content_type_id, object_id, title_norm, autocomplete, title, body, title_text, body_text)
            SELECT %s, a.page_ptr_id::text, 1.3, to_tsvector('simple', p.title),
                   setweight(to_tsvector(p.title), 'B'), to_tsvector(a.standfirst || ' ' || {text}),
                   p.title, left(a.standfirst || ' ' || {text}, 1000)
            FROM news_articlepage a JOIN wagtailcore_page p ON p.id = a.page_ptr_id
            WHERE NOT EXISTS (
                SELECT 1 FROM wagtailsearch_indexentry e
                WHERE e.content_type_id = %s AND e.object_id = a.page_ptr_id::text
            )
            """,  # noqa: S608 - no outside input: the text expression is a constant
            [content_type.pk, content_type.pk],
        )
        return cursor.rowcount


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="articles in total (default 1000)")
    parser.add_argument("--comments", type=int, default=10000, help="approved comments in total (default 10000)")
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--tags", type=int, default=500)
    parser.add_argument("--images", type=int, default=40)
    parser.add_argument("--no-search-index", action="store_true", help="skip Wagtail's search index")
    parser.add_argument(
        "--index-limit", type=int, default=5000, help="index at most this many new articles (default 5000)"
    )
    parser.add_argument("--seed", type=int, default=20261126)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    started = time.monotonic()

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        sys.exit("No default site: run `manage.py migrate` first.")
    home = site.root_page
    sections = ensure_sections(home)
    people = ensure_people(args.people, rng, locale_id=home.locale_id)
    tags = ensure_tags(args.tags)
    photos = ensure_images(args.images, rng)
    bench = ensure_bench_article(sections[0], people=people, tags=tags, photos=photos, rng=rng)

    last_pk = ArticlePage.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    existing = ArticlePage.objects.count()
    added = add_articles(sections, max(0, args.articles - existing), people=people, tags=tags, photos=photos, rng=rng)
    comments = add_comments(args.comments, bench, rng)
    if added and not args.no_search_index:
        index_for_search(last_pk, args.index_limit)
    if not args.no_search_index and connection.vendor == "postgresql":
        indexed = index_rest_by_sql()
        if indexed:
            print(f"  search index: {indexed} more by SQL", file=sys.stderr)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    for alias in ("default", "renditions"):
        caches[alias].clear()
    print(
        f"generated: +{added} articles (total {ArticlePage.objects.count()}), +{comments} comments, "
        f"{len(people)} people, {len(tags)} tags, {len(photos)} photos in {time.monotonic() - started:.0f}s",
        file=sys.stderr,
    )
    print(bench.url)


if __name__ == "__main__":
    main()
