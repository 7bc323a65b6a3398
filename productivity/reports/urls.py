from django.urls import path

from productivity.reports import downloads, views

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("new/", views.report_start, name="start"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/edit/", views.report_edit, name="edit"),
    path("<int:pk>/submit/", views.report_submit, name="submit"),
    path("<int:pk>/clear/", views.report_clear, name="clear"),
    path("<int:pk>/return/", views.report_return, name="return"),
    path("<int:pk>/publish/", views.report_publish, name="publish"),
    path("<int:pk>/correct/", views.report_correct, name="correct"),
    path("<int:pk>/new-draft/", views.report_new_draft, name="new_draft"),
    path("<int:pk>/download/<str:fmt>/", downloads.download, name="download"),
    path("<int:pk>/figures/<str:key>/", downloads.figure, name="figure"),
]

# Business case documents (coloc): the estate's cases under the Five Case Model headings.
from productivity.reports import business_case_views  # noqa: E402

urlpatterns += [
    path("business-cases/<int:pk>/<str:fmt>/", business_case_views.document, name="business-case"),
]
