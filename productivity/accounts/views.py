from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from productivity.accounts import services
from productivity.accounts.demo import demo_accounts
from productivity.accounts.forms import ChangePasswordForm, SignInForm, TokenForm


def sign_in(request):
    form = SignInForm(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        login(request, form.user, backend="django.contrib.auth.backends.ModelBackend")
        target = request.POST.get("next") or request.GET.get("next") or "/"
        if not url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
            target = "/"
        if form.user.must_change_password:
            # A temporary password was passed on by someone else: replace it before anything else.
            messages.info(request, "You signed in with a temporary password. Choose your own password to carry on.")
            return redirect(f"{reverse('accounts:password')}?{urlencode({'next': target})}")
        return redirect(target)
    return render(request, "accounts/sign_in.html", {
        "title": "Sign in", "form": form, "form_has_errors": bool(form.errors),
        "demo_accounts": demo_accounts(), "next": request.GET.get("next", ""),
    })


def locked_out(request, credentials=None, *args, **kwargs):
    return render(request, "core/error.html", {
        "title": "Too many attempts to sign in",
        "detail": "You entered the wrong email address or password too many times. Wait 15 minutes and try again.",
    }, status=429)


@require_POST
def sign_out(request):
    logout(request)
    return redirect("home")


def sign_out_page(request):
    if not request.user.is_authenticated:
        return redirect("home")
    return render(request, "accounts/sign_out.html", {"title": "Sign out"})


@login_required
def profile(request):
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        new_token = services.issue_token(request.user, form.cleaned_data["name"])
        form = TokenForm()
    return render(request, "accounts/profile.html", {
        "title": "Your account", "form": form, "new_token": new_token, "form_has_errors": bool(form.errors),
        "memberships": request.user.memberships.select_related("organisation"),
        "tokens": request.user.api_tokens.filter(revoked_at__isnull=True),
    })


@login_required
@require_POST
def revoke_token(request, token_id: int):
    if services.revoke_token(request.user, token_id):
        messages.success(request, "Token revoked. Programs using it can no longer reach the API.")
    return redirect("accounts:profile")


@login_required
@require_http_methods(["GET", "POST"])
def change_password(request):
    form = ChangePasswordForm(request.user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = services.change_password(request.user, form.cleaned_data["new_password1"])
        # A new password signs out every other session; this one stays signed in.
        update_session_auth_hash(request, user)
        messages.success(request, "Your password has been changed")
        target = request.POST.get("next") or ""
        if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
            return redirect(target)
        return redirect("accounts:profile")
    return render(request, "accounts/password.html", {
        "title": "Change your password", "form": form, "form_has_errors": bool(form.errors),
        "next": request.POST.get("next") or request.GET.get("next", ""),
        "breadcrumbs": [{"text": "Home", "href": "/"}, {"text": "Your account", "href": reverse("accounts:profile")}],
    })
