from django.urls import path

from productivity.estate import views

app_name = "estate"

urlpatterns = [
    path("", views.register, name="register"),
    path("assets/<int:pk>/", views.asset, name="asset"),
    path("quality/<slug:slug>/", views.quality_report, name="quality"),
]

# Co-location and business cases (coloc) ------------------------------------------------------------------------
from productivity.estate import case_views, colocation_views  # noqa: E402

urlpatterns += [
    path("colocation/", colocation_views.finder, name="colocation"),
    path("cases/", case_views.case_list, name="cases"),
    path("cases/new/", case_views.case_start, name="case-start"),
    path("cases/<int:pk>/", case_views.case_detail, name="case"),
    path("cases/<int:pk>/edit/", case_views.case_edit, name="case-edit"),
    path("cases/<int:pk>/delete/", case_views.case_delete, name="case-delete"),
    path("cases/<int:pk>/submit/", case_views.case_submit, name="case-submit"),
    path("cases/<int:pk>/publish/", case_views.case_publish, name="case-publish"),
    path("cases/<int:pk>/withdraw/", case_views.case_withdraw, name="case-withdraw"),
    path("cases/<int:pk>/scenarios/new/", case_views.scenario_create, name="scenario-create"),
    path("scenarios/<int:pk>/edit/", case_views.scenario_edit, name="scenario-edit"),
    path("scenarios/<int:pk>/delete/", case_views.scenario_delete, name="scenario-delete"),
    path("scenarios/<int:pk>/actions/new/", case_views.action_create, name="action-create"),
    path("actions/<int:pk>/edit/", case_views.action_edit, name="action-edit"),
    path("actions/<int:pk>/delete/", case_views.action_delete, name="action-delete"),
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

# --- Partnerships, returns, selection rounds and asset changes (helper "returns") ---------------------------
from productivity.estate import returns_views as rv  # noqa: E402

urlpatterns += [
    path("partnerships/", rv.partnership_list, name="partnerships"),
    path("partnerships/new/", rv.partnership_create, name="partnership-create"),
    path("partnerships/<slug:slug>/", rv.partnership_detail, name="partnership"),
    path("partnerships/<slug:slug>/edit/", rv.partnership_edit, name="partnership-edit"),
    path("partnerships/<slug:slug>/members/add/", rv.member_add, name="member-add"),
    path("partnerships/<slug:slug>/members/<int:pk>/remove/", rv.member_remove, name="member-remove"),
    path("partnerships/<slug:slug>/projects/new/", rv.project_create, name="project-create"),
    path("partnerships/<slug:slug>/projects/<int:pk>/edit/", rv.project_create, name="project-edit"),
    path("partnerships/<slug:slug>/returns/new/", rv.return_create, name="return-create"),
    path("returns/<int:pk>/", rv.return_detail, name="return"),
    path("returns/<int:pk>/edit/", rv.return_edit, name="return-edit"),
    path("returns/<int:pk>/projects/<int:project>/", rv.figures_edit, name="figures-edit"),
    path("returns/<int:pk>/submit/", rv.return_submit, name="return-submit"),
    path("returns/<int:pk>/withdraw/", rv.return_withdraw, name="return-withdraw"),
    path("returns/<int:pk>/delete/", rv.return_delete, name="return-delete"),
    path("figures/<int:pk>/verify/", rv.figure_verify, name="figure-verify"),
    path("outputs/", rv.outputs, name="outputs"),
    path("selection/", rv.round_list, name="rounds"),
    path("selection/<slug:slug>/", rv.round_detail, name="round"),
    path("selection/<slug:slug>/apply/", rv.application_create, name="application-create"),
    path("applications/<int:pk>/score/", rv.application_score, name="application-score"),
    path("assets/<int:pk>/edit/", rv.asset_edit, name="asset-edit"),
    path("assets/<int:pk>/delete/", rv.asset_delete, name="asset-delete"),
    path("assets/<int:pk>/withdraw/", rv.asset_withdraw, name="asset-withdraw"),
    path("assets/<int:pk>/restore/", rv.asset_restore, name="asset-restore"),
]
