from django.urls import path

from productivity.procurement import views

app_name = "procurement"

urlpatterns = [
    path("", views.councils, name="councils"),
    path("councils/<slug:slug>/", views.council, name="council"),
    path("suppliers/", views.suppliers, name="suppliers"),
    path("spend/", views.spend, name="spend"),
]

# Pipelines, timeliness, the pledge and contracts registers (the pipelines work).
from productivity.procurement.pipeline_urls import urlpatterns as pipeline_urlpatterns  # noqa: E402

urlpatterns += pipeline_urlpatterns
