from django.urls import path

from productivity.accounts import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.sign_in, name="login"),
    path("logout/", views.sign_out_page, name="logout"),
    path("logout/confirm/", views.sign_out, name="logout-confirm"),
    path("profile/", views.profile, name="profile"),
    path("tokens/<int:token_id>/revoke/", views.revoke_token, name="revoke-token"),
]
