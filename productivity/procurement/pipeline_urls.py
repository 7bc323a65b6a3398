"""The pipelines, timeliness, pledge and contracts pages (added to procurement's urls)."""

from django.urls import path

from productivity.procurement import views_contracts, views_pipelines, views_pledge, views_timeliness

urlpatterns = [
    path("pipelines/", views_pipelines.pipelines_view, name="pipelines"),
    path("pipelines/<slug:slug>/", views_pipelines.pipeline_view, name="pipeline"),
    path("pipelines/<slug:slug>/plans/new/", views_pipelines.plan_create, name="plan-create"),
    path("pipelines/<slug:slug>/plans/<int:pk>/", views_pipelines.plan_edit, name="plan-edit"),
    path("pipelines/<slug:slug>/plans/<int:pk>/withdraw/", views_pipelines.plan_withdraw, name="plan-withdraw"),
    path("pipelines/<slug:slug>/settings/", views_pipelines.pipeline_settings, name="pipeline-settings"),
    path("pipelines/<slug:slug>/uk1/", views_pipelines.uk1_view, name="uk1"),
    path("timeliness/", views_timeliness.timeliness_view, name="timeliness"),
    path("timeliness/councils/<slug:slug>/new/", views_timeliness.process_create, name="process-create"),
    path("timeliness/processes/<int:pk>/", views_timeliness.process_edit, name="process-edit"),
    path("pledge/", views_pledge.pledge_view, name="pledge"),
    path("pledge/<slug:slug>/", views_pledge.pledge_council, name="pledge-council"),
    path("pledge/<slug:slug>/edit/", views_pledge.pledge_edit, name="pledge-edit"),
    path("contracts/", views_contracts.contracts_view, name="contracts"),
    path("contracts/<slug:slug>/", views_contracts.contracts_council, name="contracts-council"),
]
