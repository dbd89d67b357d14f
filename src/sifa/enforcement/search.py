"""The header search's answer for enforcement supervision (core.search): certificate applications by number or the
officer's name or whole ID number (its keyed hash), holders by name, certificate number or whole ID number, legality
reviews by title or opinion number, filed normative documents by title or document number. Scoped with
`visible_to(user)`; personal numbers appear only masked."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from sifa.core.search import LIMIT, Hit, Query

from .models import CertificateApplication, LegalityReview, NormativeFiling, Officer


def search(user, query: Query) -> list[Hit]:
    text, hits = query.text, []
    if not text:
        return []
    if query.key:
        app_q, officer_q = Q(officer__person__id_number_hash=query.key), Q(person__id_number_hash=query.key)
    else:
        app_q = Q(number__icontains=text) | Q(officer__person__name__icontains=text)
        officer_q = Q(person__name__icontains=text) | Q(certificate_number__icontains=text)
    if user.has_perm("enforcement.view_certificateapplication"):
        for c in (CertificateApplication.objects.visible_to(user).filter(app_q)
                  .select_related("officer__person").order_by("-received_on", "-pk")[:LIMIT]):
            hits.append(Hit(kind=_("Certificate application"), url=c.get_absolute_url(), when=c.received_on,
                            title=f"{c.number} {c.officer.person.name} {c.officer.person.id_number_masked}".strip(),
                            state=c.get_state_display()))
    if user.has_perm("enforcement.view_officer"):
        for o in Officer.objects.visible_to(user).filter(officer_q).select_related("person", "agency")[:LIMIT]:
            hits.append(Hit(kind=_("Certificate holder"), url=o.get_absolute_url(), when=o.issued_on,
                            title=f"{o.person.name} {o.person.id_number_masked} {o.certificate_number}".strip(),
                            state=o.get_certificate_status_display()))
    if query.key:  # a whole personal number names no draft or document
        return hits[:LIMIT]
    if user.has_perm("enforcement.view_legalityreview"):
        for r in (LegalityReview.objects.visible_to(user)
                  .filter(Q(title__icontains=text) | Q(opinion_number__icontains=text)).order_by("-received_on")[:LIMIT]):
            hits.append(Hit(kind=_("Legality review"), url=r.get_absolute_url(), when=r.received_on,
                            title=f"{r.opinion_number} {r.title}".strip(), state=r.get_conclusion_display()))
    if user.has_perm("enforcement.view_normativefiling"):
        for f in (NormativeFiling.objects.visible_to(user)
                  .filter(Q(title__icontains=text) | Q(document_number__icontains=text)).order_by("-filed_on")[:LIMIT]):
            hits.append(Hit(kind=_("Filing review"), url=f.get_absolute_url(), when=f.filed_on, title=str(f),
                            state=f.get_state_display()))
    hits.sort(key=lambda h: (h.when is not None, h.when), reverse=True)
    return hits[:LIMIT]
