"""sifa's own error pages in every mode (issue #17).

Without DEBUG, Django answers a bad request, a refusal, a missing page and a crash with the project's handlers
(templates 400/403/404/500.html, in Chinese). With DEBUG — `SIFA_DEBUG=1`, the default of `make run` — it
shows its technical pages instead for 400, 404 and 500: English, with the URL patterns or the traceback. A
newcomer trying sifa on a laptop should meet the same pages as a citizen in production, so this middleware
gives the handlers' pages in DEBUG too; a developer who wants the technical pages asks for them with
`SIFA_DEBUG_PAGES=1`. (403 needs nothing: Django calls its handler in every mode.)

Django decides in `django.core.handlers.exception.response_for_exception`, after every middleware has had the
exception (`process_exception`) and returned nothing. This middleware answers there for a view's exception,
sending `got_request_exception` and logging a crash as Django does; a URL that resolves to no view never
reaches a view's exceptions, so its technical 404 is replaced on the way out.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signals
from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import Http404
from django.urls import get_resolver, get_urlconf
from django.utils.log import log_response


def technical_pages_wanted() -> bool:
    return not settings.DEBUG or settings.SIFA_DEBUG_PAGES or settings.DEBUG_PROPAGATE_EXCEPTIONS


def handler_response(request, status: int, exception: Exception | None = None):
    """The project's page for `status`, from the handler the URLconf names (Django's defaults: the templates)."""
    resolver = get_resolver(getattr(request, "urlconf", None) or get_urlconf())
    callback = resolver.resolve_error_handler(status)
    response = callback(request) if status == 500 else callback(request, exception=exception)
    if not getattr(response, "is_rendered", True) and callable(getattr(response, "render", None)):
        response = response.render()
    return response


class ErrorPagesMiddleware:
    """Place it inside CommonMiddleware (whose slash-appending redirect turns a 404 into a 301) and outside the
    middlewares whose `process_exception` answers an exception of their own (DocumentTemplateErrorMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 404 and request.resolver_match is None and not technical_pages_wanted():
            page = handler_response(request, 404, Http404())
            # keep what the middlewares inside set (CSP, frame and cache headers), not the technical body's type
            for header, value in response.headers.items():
                if header.lower() not in {"content-type", "content-length"}:
                    page.headers.setdefault(header, value)
            response = page
        return response

    def process_exception(self, request, exception):
        if technical_pages_wanted() or isinstance(exception, PermissionDenied):
            return None
        if isinstance(exception, Http404):
            return handler_response(request, 404, exception)
        if isinstance(exception, (BadRequest, SuspiciousOperation)):
            response = handler_response(request, 400, exception)
            log_response("%s: %s", str(exception), request.path, response=response, request=request,
                         exception=exception)
            return response
        signals.got_request_exception.send(sender=None, request=request)  # as Django does (test client, reporters)
        response = handler_response(request, 500)
        log_response("%s: %s", response.reason_phrase, request.path, response=response, request=request,
                     exception=exception)
        return response
