from django.urls import path

from productivity.accounts import people_views, views

app_name = "accounts"

urlpatterns = [
    path("login/", views.sign_in, name="login"),
    path("logout/", views.sign_out_page, name="logout"),
    path("logout/confirm/", views.sign_out, name="logout-confirm"),
    path("profile/", views.profile, name="profile"),
    path("password/", views.change_password, name="password"),
    path("organisations/<str:slug>/people/", people_views.people, name="people"),
    path("organisations/<str:slug>/people/add/", people_views.person_add, name="person-add"),
    path("organisations/<str:slug>/people/<int:membership_id>/role/", people_views.person_role,
         name="person-role"),
    path("organisations/<str:slug>/people/<int:membership_id>/remove/", people_views.person_remove,
         name="person-remove"),
    path("organisations/<str:slug>/people/<int:membership_id>/unlock/", people_views.person_unlock,
         name="person-unlock"),
    path("tokens/<int:token_id>/revoke/", views.revoke_token, name="revoke-token"),
    path("password-reset/", views.password_reset, name="password-reset"),
    path("password-reset/sent/", views.password_reset_sent, name="password-reset-sent"),
    path("password-reset/<uidb64>/<token>/", views.password_reset_confirm, name="password-reset-confirm"),
    path("password-reset/done/", views.password_reset_complete, name="password-reset-complete"),
    path("lockouts/", views.lockouts, name="lockouts"),
    path("lockouts/<int:pk>/unlock/", views.lockout_unlock, name="lockout-unlock"),
]
