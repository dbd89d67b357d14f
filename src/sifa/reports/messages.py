"""The user-facing messages of core.documents (template checks, PDF conversion), marked here so that their
Chinese text lives in this app's catalog; core.documents translates them at run time. A test keeps the two
lists equal."""

from django.utils.translation import gettext_noop

DOCUMENT_MESSAGES = (
    gettext_noop("The template cannot be rendered: %(error)s"),
    gettext_noop("The template has no paragraph holding only {{ body }}."),
    gettext_noop("PDF needs LibreOffice, which is not installed on this server. "
                 "An administrator can install it with: %(cmd)s"),
    gettext_noop("LibreOffice did not finish converting the document in %(s)s seconds."),
    gettext_noop("LibreOffice could not convert the document: %(err)s"),
)
