from django.urls import path

from . import views

app_name = "news"
urlpatterns = [
    path("people/<str:slug>/", views.person_detail, name="person"),
    path("tags/<str:slug>/", views.tag_detail, name="tag"),
    path("corrections/", views.corrections, name="corrections"),
    path("<int:year>/", views.date_archive, name="archive-year"),
    path("<int:year>/<int:month>/", views.date_archive, name="archive-month"),
    path("<int:year>/<int:month>/<int:day>/", views.date_archive, name="archive-day"),
]
