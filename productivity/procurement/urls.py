from django.urls import path

from productivity.procurement import analysis_views, views

app_name = "procurement"

urlpatterns = [
    path("", analysis_views.councils, name="councils"),
    path("councils/<slug:slug>/", analysis_views.council, name="council"),
    path("suppliers/", views.suppliers, name="suppliers"),
    path("spend/", views.spend, name="spend"),
    # ---- spend analysis (the spend area) ----
    path("councils/<slug:slug>/suppliers/", analysis_views.council_suppliers, name="council_suppliers"),
    path("compare/", analysis_views.compare, name="compare"),
]
