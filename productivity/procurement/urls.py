from django.urls import path

from productivity.procurement import views

app_name = "procurement"

urlpatterns = [
    path("", views.councils, name="councils"),
    path("councils/<slug:slug>/", views.council, name="council"),
    path("suppliers/", views.suppliers, name="suppliers"),
    path("spend/", views.spend, name="spend"),
]
