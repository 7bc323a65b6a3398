from django.urls import path

from productivity.estate import views

app_name = "estate"

urlpatterns = [
    path("", views.register, name="register"),
    path("assets/<int:pk>/", views.asset, name="asset"),
    path("quality/<slug:slug>/", views.quality_report, name="quality"),
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
]
