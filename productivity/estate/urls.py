from django.urls import path

from productivity.estate import views

app_name = "estate"

urlpatterns = [
    path("", views.register, name="register"),
    path("assets/<int:pk>/", views.asset, name="asset"),
    path("quality/<slug:slug>/", views.quality_report, name="quality"),
]
