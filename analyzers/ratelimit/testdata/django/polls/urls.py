from django.urls import path

from . import views

urlpatterns = [
    path("", views.index),
    path("<int:poll_id>/vote/", views.vote),
    path("<int:poll_id>/results/", views.ResultsView.as_view()),
]
