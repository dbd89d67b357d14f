"""Chinese first: the UI speaks Chinese unless the user chose another language with the switch. The idle
timeout of a session, renewed without writing the session on every request. No caching of personal data."""

import time

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_cache_control


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
