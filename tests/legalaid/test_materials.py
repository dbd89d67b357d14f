"""Materials of an application: uploaded with the online application and from the progress page (signed token of
the look-up), added by the centre, kept in private storage, and served only through the line's view to a user who
sees the case, the read audited."""

from __future__ import annotations

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from sifa.core.models import AuditEvent
from sifa.legalaid import portal
from sifa.legalaid.models import LegalAidCase, Material
from sifa.legalaid.workflow import WORKFLOW

pytestmark = pytest.mark.django_db
ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}
APPLY = reverse("portal:apply") + "?service=legalaid"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"


@pytest.fixture(autouse=True)
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path


def _pdf(name="身份证.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def _submit(client, **extra):
    data = {"name": "钱援助", "id_number": "11010519491231002x", "phone": "13812345678", "address": "上海市普陀区",
            "matter_type": "civil", "service_form": "labour", "matter": "公司拖欠三个月工资，请求代理劳动仲裁",
            "opposing_party": "某某物流有限公司"}
    data.update(extra)
    return client.post(APPLY, data, REMOTE_ADDR="10.0.0.19", **ZH)


def _progress(client, case):
    return client.post(reverse("portal:progress"), {"receipt_number": case.receipt_number, "phone": "13812345678"},
                       REMOTE_ADDR="10.0.0.18", **ZH)


def test_the_online_application_keeps_its_materials_privately_and_the_centre_downloads_them(
        client, district, login, settings):
    resp = _submit(client, materials=[_pdf(), _pdf("工资流水.pdf")])
    assert resp.status_code == 302
    case = LegalAidCase.objects.get()
    ms = list(case.materials.order_by("pk"))
    assert [m.name for m in ms] == ["身份证.pdf", "工资流水.pdf"] and all(m.from_applicant for m in ms)
    assert "身份证" not in ms[0].file.name and ms[0].file.name.startswith("legalaid/")  # a random name
    assert (settings.VAR_DIR / "private" / ms[0].file.name).read_bytes() == PDF
    staff = district["users"]["legalaid"]
    page = login(staff).get(reverse("legalaid:detail", args=[case.pk]), **ZH).content.decode()
    assert "身份证.pdf" in page and "申请人网上提交" in page
    got = client.get(reverse("legalaid:material", args=[case.pk, ms[0].pk]))
    assert got.status_code == 200 and b"".join(got.streaming_content) == PDF
    assert got["X-Content-Type-Options"] == "nosniff" and "attachment" in got["Content-Disposition"]
    assert AuditEvent.objects.filter(action="legalaid.material.downloaded").count() == 1


def test_a_file_is_served_to_nobody_outside_the_line_or_the_case(client, district, login):
    _submit(client, materials=[_pdf()])
    case = LegalAidCase.objects.get()
    m = case.materials.get()
    url = reverse("legalaid:material", args=[case.pk, m.pk])
    client.logout()
    assert client.get(url).status_code == 302  # a visitor goes to log in
    assert login(district["users"]["mediator"]).get(url).status_code == 403
    # a material of another case under this case's address is not found
    other = _submit(client, id_number="110105194912310046", phone="13812345679", materials=[_pdf("b.pdf")])
    assert other.status_code == 302
    other_m = Material.objects.exclude(pk=m.pk).get()
    staff = login(district["users"]["legalaid"])
    assert staff.get(reverse("legalaid:material", args=[case.pk, other_m.pk])).status_code == 404


def test_a_renamed_or_forbidden_file_is_refused_on_its_field_and_nothing_is_written(client, district):
    resp = _submit(client, materials=[_pdf("x.pdf", b"MZ\x90\x00not a pdf")])
    assert resp.status_code == 200 and "materials" in resp.context["form"].errors
    resp = _submit(client, materials=[SimpleUploadedFile("x.exe", b"MZ")])
    assert "materials" in resp.context["form"].errors and "不予接收" in str(resp.context["form"].errors["materials"])
    resp = _submit(client, materials=[_pdf(f"{i}.pdf") for i in range(6)])
    assert "materials" in resp.context["form"].errors
    assert not LegalAidCase.objects.exists() and not Material.objects.exists()


def test_the_applicant_adds_materials_from_the_progress_page(client, district):
    _submit(client)
    case = LegalAidCase.objects.get()
    staff = district["users"]["legalaid"]
    WORKFLOW.run(case, "request_materials", by=staff, on=timezone.localdate(), data={"materials": "工资流水"})
    page = _progress(client, case)
    html = page.content.decode()
    assert 'id="materials-upload"' in html
    token = page.context["upload_form"].initial["token"]
    sent = client.post(reverse("legalaid:portal_materials"), {"token": token, "files": [_pdf("工资流水.pdf")]}, **ZH)
    assert sent.status_code == 200 and "工资流水.pdf" in sent.content.decode()
    m = case.materials.get()
    assert m.from_applicant and m.uploaded_by is None
    assert AuditEvent.objects.filter(action="legalaid.material.added", object_id=str(case.pk)).exists()
    again = _progress(client, case).content.decode()
    assert 'id="materials-sent"' in again and "工资流水.pdf" in again


def test_a_forged_or_stale_token_adds_nothing(client, district):
    _submit(client)
    case = LegalAidCase.objects.get()
    forged = signing.dumps({"case": case.pk, "receipt": "FA2024XXXXXXXX"}, salt=portal.UPLOAD_SALT)
    for token in ("", "abc", forged, signing.dumps({"case": case.pk, "receipt": case.receipt_number}, salt="x")):
        resp = client.post(reverse("legalaid:portal_materials"), {"token": token, "files": [_pdf()]}, **ZH)
        assert resp.status_code == 400
    assert not Material.objects.exists()
    assert client.get(reverse("legalaid:portal_materials")).status_code == 405


def test_the_centre_adds_materials_handed_in_at_the_window(district, login, apply):
    case = apply()
    staff = district["users"]["legalaid"]
    client = login(staff)
    resp = client.post(reverse("legalaid:material_add", args=[case.pk]),
                       {"files": [_pdf("户口簿.pdf")], "description": "窗口补交"}, **ZH)
    assert resp.status_code == 302
    m = case.materials.get()
    assert (m.name, m.description, m.from_applicant, m.uploaded_by) == ("户口簿.pdf", "窗口补交", False, staff)
    bad = client.post(reverse("legalaid:material_add", args=[case.pk]), {"files": [_pdf("a.pdf", b"")]}, **ZH)
    assert bad.status_code == 302 and case.materials.count() == 1
