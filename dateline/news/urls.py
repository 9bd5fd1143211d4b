from django.urls import path

from . import views

app_name = "news"
urlpatterns = [
    path("people/<str:slug>/", views.person_detail, name="person"),
    path("tags/<str:slug>/", views.tag_detail, name="tag"),
]
