from django.urls import path

from . import views

app_name = "comments"
urlpatterns = [
    path("challenge/", views.challenge, name="challenge"),
    path("<int:article_id>/post/", views.post_comment, name="post"),
    path("confirm/<str:token>/", views.confirm_email, name="confirm"),
]
