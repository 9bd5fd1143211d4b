from django.urls import path

from . import views

app_name = "podcasts"
urlpatterns = [path("podcasts.opml", views.opml, name="opml")]
