import os
import subprocess
import sys
from pathlib import Path

from django.contrib.auth.hashers import get_hasher
from django.test import Client

from conftest import PASSWORD, make_user

ROOT = Path(__file__).resolve().parents[3]


def test_passwords_are_hashed_with_argon2(db, settings):
    from config import settings as real_settings

    settings.PASSWORD_HASHERS = real_settings.PASSWORD_HASHERS
    user = make_user("hashed@example.org")
    user.refresh_from_db()
    assert user.password.startswith("argon2$")
    assert get_hasher().algorithm == "argon2"
    assert user.check_password(PASSWORD)


def test_deploy_checks_pass_with_production_settings():
    # Browser tests allow async-unsafe ORM calls in this process; a deployment never would.
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update({"SECRET_KEY": "x" * 60 + "-production-like-secret", "ALLOWED_HOSTS": "platform.example.org",
                "SITE_URL": "https://platform.example.org", "DJANGO_SETTINGS_MODULE": "config.production"})
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_deploy_checks_warn_when_links_in_emails_would_not_point_at_the_site():
    env = {key: value for key, value in os.environ.items() if key not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "SITE_URL")}
    env.update({"SECRET_KEY": "x" * 60 + "-production-like-secret", "ALLOWED_HOSTS": "platform.example.org",
                "DJANGO_SETTINGS_MODULE": "config.production"})
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0 and "accounts.W001" in result.stdout + result.stderr


def test_production_settings_send_email_through_smtp_from_the_environment():
    env = {**os.environ, "SECRET_KEY": "y" * 60, "DJANGO_SETTINGS_MODULE": "config.production",
           "EMAIL_HOST": "smtp.example.org", "EMAIL_PORT": "2525", "EMAIL_HOST_USER": "platform",
           "EMAIL_HOST_PASSWORD": "relay-secret", "EMAIL_USE_TLS": "false", "DEFAULT_FROM_EMAIL": "pp@example.org"}
    code = ("import django; django.setup(); from django.conf import settings as s; "
            "print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_HOST_USER, s.EMAIL_HOST_PASSWORD, "
            "s.EMAIL_USE_TLS, s.DEFAULT_FROM_EMAIL)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.stdout.split() == ["django.core.mail.backends.smtp.EmailBackend", "smtp.example.org", "2525",
                                     "platform", "relay-secret", "False", "pp@example.org"], result.stderr


def test_outside_production_email_is_printed_to_the_console():
    from config import settings as development

    assert development.EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend"


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env["DJANGO_SETTINGS_MODULE"] = "config.production"
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_production_turns_demo_mode_off_and_cookies_secure():
    env = {**os.environ, "SECRET_KEY": "y" * 60, "DEMO_MODE": "true", "DJANGO_SETTINGS_MODULE": "config.production"}
    code = ("import django; django.setup(); from django.conf import settings as s; "
            "print(s.DEMO_MODE, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.DEBUG)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.stdout.split() == ["False", "True", "True", "False"], result.stderr


def test_sign_in_is_throttled_after_repeated_failures(world):
    client = Client()
    for _ in range(4):
        response = client.post("/accounts/login/", {"username": world.editor_a.email, "password": "wrong-password"})
        assert response.status_code == 200
        assert "Enter a correct email address and password" in response.content.decode()
    fifth = client.post("/accounts/login/", {"username": world.editor_a.email, "password": "wrong-password"})
    assert fifth.status_code == 429
    # Even the right password is refused while locked out.
    response = client.post("/accounts/login/", {"username": world.editor_a.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()


def test_forms_reject_posts_without_a_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": world.editor_a.email, "password": PASSWORD})
    assert response.status_code == 403
    assert "session has expired" in response.content.decode()
