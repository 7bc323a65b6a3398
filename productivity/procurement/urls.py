from django.urls import path

from productivity.procurement import analysis_views, views, views_suppliers

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

# Pipelines, timeliness, the pledge and contracts registers (the pipelines work).
from productivity.procurement.pipeline_urls import urlpatterns as pipeline_urlpatterns  # noqa: E402

urlpatterns += pipeline_urlpatterns

# ---- Suppliers: a supplier's page, the review queue, size data, paying on time (the suppliers area) -------------
urlpatterns += [
    path("suppliers/<int:pk>/", views_suppliers.supplier, name="supplier"),
    path("suppliers/review/", views_suppliers.review, name="review"),
    path("suppliers/review/<int:pk>/", views_suppliers.proposal, name="proposal"),
    path("suppliers/sizes/", views_suppliers.sizes, name="sizes"),
    path("payments/", views_suppliers.paying_on_time, name="payments"),
]
