from django.urls import path

from productivity.organisations import views

app_name = "organisations"

urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("<str:slug>/", views.organisation_detail, name="detail"),
]
