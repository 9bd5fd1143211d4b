from django.urls import path

from . import views

app_name = "readership"
urlpatterns = [path("", views.record_view, name="record_view")]
