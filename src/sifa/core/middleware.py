"""Chinese first: the UI speaks Chinese unless the user chose another language with the switch. The idle
timeout of a session, renewed without writing the session on every request. No caching of personal data. No
whole ID or mobile number is searched from a query string."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseRedirect, JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from .validators import has_whole_personal_number


class ChineseFirstLocaleMiddleware(LocaleMiddleware):
    """Like Django's LocaleMiddleware, but the browser's Accept-Language is ignored: a bureau's staff work in
    Chinese whatever their browser was set up with, and English is one click on the language switch away
    (which sets the language cookie)."""

    def process_request(self, request):
        language = settings.LANGUAGE_CODE
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen:
            try:
                language = translation.get_supported_language_variant(chosen)
            except LookupError:
                pass
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class IdleSessionMiddleware:
    """A signed-in session ends after SESSION_COOKIE_AGE idle seconds (30 minutes). Django's way to renew it,
    SESSION_SAVE_EVERY_REQUEST, writes the session row on every request: a database write behind every page
    and every htmx fragment. Here it is written again only when SIFA_SESSION_RENEW seconds (default 60) have
    passed since it was last renewed, so the timeout runs from the last request give or take that much.
    Goes right after SessionMiddleware."""

    KEY = "_sifa_renewed"

    def __init__(self, get_response):
        self.get_response = get_response
        self.every = int(getattr(settings, "SIFA_SESSION_RENEW", 60))

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and session.get("_auth_user_id"):  # never start a session for a visitor
            now = int(time.time())
            if now - session.get(self.KEY, 0) >= self.every:
                session[self.KEY] = now  # marks it modified: SessionMiddleware saves it with a new expiry
        return response


class DocumentTemplateErrorMiddleware:
    """A document whose stored template is refused by the document sandbox (core.documents.TemplateError) is
    answered with a page that says which template to replace (409: the installation's template, not the request,
    is at fault), not with a server error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.shortcuts import render

        from .documents import TemplateError

        if isinstance(exception, TemplateError):
            return render(request, "core/document_error.html", {"message": str(exception)}, status=409)
        return None


class NoStoreMiddleware:
    """Pages with personal data are never kept by the browser or a proxy: every response to a signed-in user,
    and every response of the API and of the citizens' portal (whoever asks), is sent `Cache-Control: no-store,
    private`. After a log-out, the back button or a shared computer's cache shows nothing of a case or a party.
    Deciding per page would let a new page slip through; static files do not pass here (the proxy serves them)."""

    NAMESPACES = ("api", "portal")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        match = getattr(request, "resolver_match", None)
        if (user is not None and user.is_authenticated) or (
                match is not None and any(ns in self.NAMESPACES for ns in match.namespaces)):
            patch_cache_control(response, no_store=True, private=True)
        return response


def whole_number_refusal() -> str:
    return _("A whole ID or mobile number is not searched from the address bar: it would stay in the browser's "
             "history and the server's logs. Search for it with the search form on the Parties page, which sends "
             "it safely.")


class WholeNumberQueryMiddleware:
    """A query string that holds a whole ID or mobile number (`validators.has_whole_personal_number`) is not
    served: a page is redirected to itself without the parameters that hold one, with a message telling the
    user to search with the parties' search form (it POSTs, and the list is then addressed by the number's
    keyed hash); the API and htmx fragments get 400 with the message. So the number reaches no view, and no
    page link, export link or redirect built from the query string can carry it on. (The request that
    brought it is already in the access log; what follows is not.) Goes after MessageMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.GET and any(has_whole_personal_number(v) for vs in request.GET.lists() for v in vs[1]):
            return self.refuse(request)
        return self.get_response(request)

    def refuse(self, request) -> HttpResponse:
        message = whole_number_refusal()
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message}, status=400)
        if request.method not in ("GET", "HEAD") or request.headers.get("HX-Request"):
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        kept = [(k, v) for k, vs in request.GET.lists() if not any(has_whole_personal_number(v) for v in vs)
                for v in vs]
        messages.error(request, message)
        return HttpResponseRedirect(request.path + ("?" + urlencode(kept) if kept else ""))
