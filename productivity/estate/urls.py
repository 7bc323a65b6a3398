from django.urls import path

from productivity.estate import views

app_name = "estate"

urlpatterns = [
    path("", views.register, name="register"),
    path("assets/<int:pk>/", views.asset, name="asset"),
    path("quality/<slug:slug>/", views.quality_report, name="quality"),
]

# ---- maps of a place (estate/views_map.py) -------------------------------------------------------------
from productivity.estate import views_map  # noqa: E402

urlpatterns += [
    path("map/", views_map.choose, name="map-choose"),
    path("map/<slug:slug>/", views_map.place_map, name="map"),
    path("map/<slug:slug>/assets.json", views_map.place_data, name="map-data"),
    path("map/<slug:slug>/boundaries.geojson", views_map.place_boundaries, name="map-boundaries"),
    path("map/<slug:slug>/quality/", views_map.place_quality, name="map-quality"),
    path("map/<slug:slug>/demand/", views_map.place_demand, name="map-demand"),
    path("map/<slug:slug>/demand.json", views_map.place_demand_data, name="map-demand-data"),
]
