from django.urls import path

from productivity.overview import views

app_name = "overview"

urlpatterns = [
    path("councils/<str:slug>/", views.council, name="council"),
    path("your-work/", views.your_work, name="your-work"),
    path("papers/<int:pk>/follow/", views.paper_follow, name="paper-follow"),
]
