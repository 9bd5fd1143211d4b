from django.db import migrations

# slug, name, schema.org type, labelled, visually distinct, sponsored
KINDS = [
    ("news", "News", "ReportageNewsArticle", False, False, False),
    ("analysis", "Analysis", "AnalysisNewsArticle", True, False, False),
    ("opinion", "Opinion", "OpinionNewsArticle", True, True, False),
    ("review", "Review", "ReviewNewsArticle", True, False, False),
    ("background", "Background", "BackgroundNewsArticle", True, False, False),
    ("fact-check", "Fact check", "ClaimReview", True, False, False),
    ("interview", "Interview", "NewsArticle", True, False, False),
    ("sponsored", "Sponsored", "AdvertiserContentArticle", True, True, True),
]


def create_kinds(apps, schema_editor):
    ArticleKind = apps.get_model("news", "ArticleKind")
    ArticlePage = apps.get_model("news", "ArticlePage")
    by_slug = {}
    for order, (slug, name, schema_type, labelled, distinct, sponsored) in enumerate(KINDS):
        by_slug[slug], _created = ArticleKind.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "schema_type": schema_type,
                "is_labelled": labelled,
                "is_distinct": distinct,
                "is_sponsored": sponsored,
                "sort_order": order,
            },
        )
    for slug, kind in by_slug.items():
        ArticlePage.objects.filter(article_type=slug).update(kind=kind)
    ArticlePage.objects.filter(kind__isnull=True).update(kind=by_slug["news"])


def restore_types(apps, schema_editor):
    ArticlePage = apps.get_model("news", "ArticlePage")
    for slug in ("analysis", "opinion", "interview"):
        ArticlePage.objects.filter(kind__slug=slug).update(article_type=slug)


class Migration(migrations.Migration):
    dependencies = [("news", "0005_add_kinds_corrections_and_policy_pages")]

    operations = [migrations.RunPython(create_kinds, restore_types)]
