"""The pages, the API and the draw record: what staff and the procuratorate's system see and do."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from docx import Document

from sifa.core.models import AuditEvent
from sifa.supervisors.models import Disqualification, DrawRequest, State, Supervisor
from sifa.supervisors.workflow import WORKFLOW

from .conftest import id_number, prepare_data

pytestmark = pytest.mark.django_db


def _drawn(r, staff):
    on = r.received_on + timedelta(days=1)
    WORKFLOW.run(r, "prepare", by=staff, on=on, data=prepare_data(on))
    r.refresh_from_db()
    WORKFLOW.run(r, "draw", by=staff, on=r.seed_published_on, data={"seed": "07 11 19 23 28 31 + 02"})
    r.refresh_from_db()
    return r


def test_staff_register_a_request_and_bad_input_stays_on_the_form(login, staff, procuratorate):
    client = login(staff)
    data = {"procuratorate": procuratorate.pk, "activity_kind": "hearing", "activity": "公开听证",
            "activity_on": "2022-05-01", "requested": 3, "received_on": "2022-05-09"}
    resp = client.post(reverse("supervisors:new"), data)
    assert resp.status_code == 200 and "公开听证" in resp.content.decode()
    assert not DrawRequest.objects.exists()  # the activity before the request
    resp = client.post(reverse("supervisors:new"), {**data, "activity_on": "2022-05-20"})
    r = DrawRequest.objects.get()
    assert resp.status_code == 302 and resp["Location"] == r.get_absolute_url()
    assert r.number.startswith("沪普司监抽〔2022〕") or "监抽〔2022〕" in r.number


def test_the_step_page_prepares_the_draw_with_quotas(login, staff, pool, make_request):
    r = make_request()
    client = login(staff)
    url = reverse("supervisors:action", args=[r.pk, "prepare"])
    assert client.get(url).status_code == 200
    resp = client.post(url, {"version": r.version, "on": "2022-05-10", "quota_law": 2, "quota_community": 1,
                             "seed_source": "双色球第2022053期", "seed_published_on": "2022-05-12"})
    assert resp.status_code == 302, resp.content.decode()[:2000]
    r.refresh_from_db()
    assert r.state == State.PREPARED and r.quotas == {"law": 2, "community": 1}
    page = client.get(r.get_absolute_url()).content.decode()
    assert r.listing_hash in page and "1/2" in page  # law: 2 of 4


def test_the_list_filters_sorts_and_exports(login, staff, pool, make_request):
    a = make_request(received=date(2022, 5, 9))
    b = make_request(received=date(2022, 6, 9))
    _drawn(b, staff)
    client = login(staff)
    page = client.get(reverse("supervisors:list"), {"state": "drawn"}).content.decode()
    assert b.number in page and a.number not in page
    page = client.get(reverse("supervisors:list"), {"sort": "received"}).content.decode()
    assert page.index(a.number) < page.index(b.number)
    resp = client.get(reverse("supervisors:list"), {"export": "xlsx"})
    assert resp.status_code == 200 and resp["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_draw_record_downloads_with_its_verification_data(login, staff, pool, make_request):
    r = _drawn(make_request(), staff)
    resp = login(staff).get(reverse("supervisors:document", args=[r.pk, "draw_record"]))
    assert resp.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(resp.content)).paragraphs)
    tables = " ".join(c.text for t in Document(io.BytesIO(resp.content)).tables for row in t.rows for c in row.cells)
    assert r.listing_hash in text and r.seed in text and f"sifa supervisors verify {r.number}" in text
    assert all(code in tables for code in r.drawn)
    assert AuditEvent.objects.filter(action="supervisors.document.downloaded").exists()


def test_the_verify_page_reruns_the_draw(login, staff, pool, make_request):
    r = _drawn(make_request(), staff)
    client = login(staff)
    page = client.get(reverse("supervisors:verify", args=[r.pk])).content.decode()
    assert r.listing_hash in page and " ".join(r.drawn) in page
    listing = client.get(reverse("supervisors:verify", args=[r.pk]), {"listing": 1})
    assert listing.content.decode() == r.listing


def test_the_pool_page_and_a_supervisor_entered_by_staff(login, staff):
    client = login(staff)
    form = {"name": "新监督员", "id_number": id_number(50), "code": "N-001", "field": "law", "birth_date": "1975-06-01",
            "selected_on": "2022-03-01", "appointed_by": "上海市司法局", "source": "无犯罪记录证明",
            **{f"art10_{d}": "no" for d in Disqualification.values}}
    refused = client.post(reverse("supervisors:supervisor_new"), {**form, "art10_criminal": "yes"})
    assert refused.status_code == 200 and "不得担任人民监督员" in refused.content.decode()
    assert not Supervisor.objects.filter(code="N-001").exists()
    resp = client.post(reverse("supervisors:supervisor_new"), form)
    s = Supervisor.objects.get(code="N-001")
    assert s.checks.get().answers == dict.fromkeys(Disqualification.values, False)
    assert resp.status_code == 302
    page = client.get(reverse("supervisors:pool")).content.decode()
    assert "N-001" in page and "新监督员" in page
    assert id_number(50) not in client.get(s.get_absolute_url()).content.decode()
    resp = client.post(reverse("supervisors:supervisor_action", args=[s.pk, "training"]),
                       {"held_on": "2022-04-01", "title": "履职培训", "hours": "4"})
    assert resp.status_code == 302 and s.trainings.count() == 1
    resp = client.post(reverse("supervisors:supervisor_action", args=[s.pk, "eligibility"]),
                       {"on": "2022-06-01", "source": "失信被执行人名单查询",
                        **{f"art10_{d}": "no" for d in Disqualification.values}, "art10_debtor": "yes"})
    s.refresh_from_db()
    assert resp.status_code == 302 and s.barred and s.checks.count() == 2
    assert "被纳入失信被执行人名单" in client.get(s.get_absolute_url()).content.decode()


def test_the_procuratorates_system_posts_a_request_and_reads_the_draw(login, staff, pool, users):
    client = login(staff)
    body = {"procuratorate": "PT-JCY", "activity_kind": "hearing", "activity": "公开听证", "activity_on": "2022-05-30",
            "requested": 2, "received_on": "2022-05-09"}
    resp = client.post("/api/supervisors/requests", body, content_type="application/json")
    assert resp.status_code == 201, resp.content
    r = DrawRequest.objects.get(pk=resp.json()["id"])
    assert resp.json()["draw_by"] == "2022-05-12"
    _drawn(r, staff)
    out = client.get(f"/api/supervisors/requests/{r.pk}").json()
    assert out["listing_sha256"] == r.listing_hash and out["drawn"] == r.drawn and len(out["seats"]) == 2
    bad = client.post("/api/supervisors/requests", {**body, "procuratorate": "PT-FY"}, content_type="application/json")
    assert bad.status_code == 422
    assert login(users["mediator"]).post("/api/supervisors/requests", body,
                                         content_type="application/json").status_code == 403
