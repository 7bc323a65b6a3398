from django.urls import path

from productivity.core import views

app_name = "core"

urlpatterns = [
    path("about/", views.about, name="about"),
]
