"""Feeds, per language (under the language prefix): /feeds/rss.xml, /feeds/sections/world/atom.xml…"""

from django.urls import path, register_converter

from . import jsonfeed, views


class FeedFormatConverter:
    regex = "rss|atom"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(FeedFormatConverter, "feedformat")

app_name = "feeds"
urlpatterns = [
    path("feeds/<feedformat:format>.xml", views.site_feed, name="site"),
    path("feeds/feed.json", jsonfeed.site_json_feed, name="site-json"),
    path("feeds/sections/<str:slug>/<feedformat:format>.xml", views.section_feed, name="section"),
    path("feeds/tags/<str:slug>/<feedformat:format>.xml", views.tag_feed, name="tag"),
    path("feeds/people/<str:slug>/<feedformat:format>.xml", views.person_feed, name="person"),
    path("feeds/corrections/<feedformat:format>.xml", views.corrections_feed, name="corrections"),
    path("feeds/sections/<str:slug>/feed.json", jsonfeed.section_json_feed, name="section-json"),
    path("feeds/tags/<str:slug>/feed.json", jsonfeed.tag_json_feed, name="tag-json"),
    path("feeds/people/<str:slug>/feed.json", jsonfeed.person_json_feed, name="person-json"),
]
