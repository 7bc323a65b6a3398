"""Pages that belong to no domain: about, and the GOV.UK error pages."""

from django.shortcuts import render


def about(request):
    return render(request, "core/about.html", {"title": "About the platform and its data"})


def bad_request(request, exception=None):
    return render(
        request,
        "core/error.html",
        {
            "title": "Sorry, there is a problem with your request",
            "detail": "Check the address or the form and try again.",
        },
        status=400,
    )


def permission_denied(request, exception=None):
    return render(
        request,
        "core/error.html",
        {
            "title": "You cannot change this",
            "detail": "You can view this page but your role does not let you change it. "
            "Ask an administrator of your organisation if you need editor rights.",
        },
        status=403,
    )


def page_not_found(request, exception=None):
    return render(
        request,
        "core/error.html",
        {
            "title": "Page not found",
            "detail": "If you typed the web address, check it is correct. "
            "If you pasted the web address, check you copied the entire address.",
        },
        status=404,
    )


def server_error(request):
    return render(
        request,
        "core/error.html",
        {
            "title": "Sorry, there is a problem with the service",
            "detail": "Try again later. Nothing you entered has been saved.",
        },
        status=500,
    )


def csrf_failure(request, reason=""):
    return render(
        request,
        "core/error.html",
        {"title": "Your session has expired", "detail": "Go back, reload the page and try again."},
        status=403,
    )
