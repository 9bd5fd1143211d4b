from django.urls import path

from . import views

app_name = "live"

urlpatterns = [
    path("<int:page_id>/updates/", views.updates, name="updates"),
]
