from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from taggit.models import Tag

from dateline.news.models import ArticlePage, Person

LISTING_PAGE_SIZE = 20


def person_detail(request, slug):
    """A person's page: who they are and what they wrote or edited, newest first."""
    person = get_object_or_404(Person.objects.select_related("photo"), slug=slug)
    articles = ArticlePage.objects.live().public().by_person(person).newest_first().for_listing()
    page = Paginator(articles, LISTING_PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(request, "news/person_detail.html", {"person": person, "articles": page})


def tag_detail(request, slug):
    """Every live article carrying one tag, newest first."""
    tag = get_object_or_404(Tag, slug=slug)
    articles = ArticlePage.objects.live().public().filter(tags=tag).newest_first().for_listing()
    page = Paginator(articles, LISTING_PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(request, "news/tag_detail.html", {"tag": tag, "articles": page})
