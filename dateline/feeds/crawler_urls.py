"""Crawler doors at the site root, one for all languages: sitemaps and robots.txt."""

from django.urls import path

from . import views

app_name = "crawlers"
urlpatterns = [
    path("sitemap.xml", views.sitemap_index, name="sitemap"),
    path("sitemap-<str:section>.xml", views.sitemap_section, name="sitemap-section"),
    path("news-sitemap.xml", views.news_sitemap, name="news-sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
]
