"""The pages of notarisation as the office's staff, the leader and a visitor; its documents; the citizen's online
application through the portal; the import from the office's business system."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.urls import reverse
from docx import Document

from sifa.core import district as core_district
from sifa.core import imports
from sifa.notary import district
from sifa.notary.models import Notarisation, State
from sifa.notary.workflow import WORKFLOW

pytestmark = pytest.mark.django_db
ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


def _text(content: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


def test_the_staff_register_an_application_and_see_it_overdue(login, staff):
    client = login(staff)
    resp = client.post(reverse("notary:new"), {
        "name": "赵公证", "id_number": "11010519491231002X", "phone": "", "matter": "inheritance", "purpose": "",
        "received_on": "2024-03-04", "channel": "window", "accept_now": "on", "notary": "沈丽"}, **ZH)
    case = Notarisation.objects.get()
    assert resp.status_code == 302 and resp["Location"] == case.get_absolute_url()
    assert case.state == State.ACCEPTED and case.group == "civil"
    page = client.get(reverse("notary:list"), **ZH).content.decode()
    assert case.number in page and "逾期" in page  # the 2024 limit has long run out
    detail = client.get(case.get_absolute_url(), **ZH).content.decode()
    assert "出具公证书期限" in detail and "要求补充证明材料" in detail and "公证受理通知书" in detail


def test_bad_input_is_refused_on_the_field_in_chinese_and_kept(login, staff):
    resp = login(staff).post(reverse("notary:new"), {
        "name": "赵公证", "matter": "will", "received_on": "2099-01-01", "channel": "zero_visit",
        "accept_now": "on", "notary": "", "purpose": "用于出国"}, **ZH)
    page = resp.content.decode()
    assert resp.status_code == 200 and not Notarisation.objects.exists()
    assert "该日期晚于今天。" in page and "请填写受理的承办公证员。" in page and "用于出国" in page


def test_the_list_filters_sorts_exports_and_drills_down(login, staff, apply):
    a = apply(matter="contract")
    b = apply(matter="kinship", for_use_abroad=True, received_on=date(2024, 10, 8))
    client = login(staff)
    rows = client.get(reverse("notary:list"), {"group": "foreign"}).context["page"].rows
    assert [c.pk for c in rows] == [b.pk]
    rows = client.get(reverse("notary:list"), {"sort": "received"}).context["page"].rows
    assert [c.pk for c in rows] == [a.pk, b.pk]
    rows = client.get(reverse("notary:list"), {"metric": "notary.accepted_economic", "from": "2024-01-01",
                                               "to": "2024-12-31"}).context["page"].rows
    assert [c.pk for c in rows] == [a.pk]
    export = client.get(reverse("notary:list"), {"export": "csv"})
    assert export.status_code == 200 and a.number in b"".join(export.streaming_content).decode("utf-8-sig")


def test_the_acceptance_notice_and_the_refusal_decision_download(login, staff, head, apply):
    case = apply()
    client = login(staff)
    notice = client.get(reverse("notary:document", args=[case.pk, "acceptance_notice"]))
    text = _text(notice.content)
    assert "公证受理通知书" in text and "十五个工作日内（2024年10月23日前）" in text and case.acceptance_number in text
    assert client.get(reverse("notary:document", args=[case.pk, "refusal_decision"])).status_code == 404
    WORKFLOW.run(case, "report_refusal", by=staff, on=date(2024, 10, 8),
                 data={"refusal_ground": "4", "refusal_reasons": "当事人之间对房屋归属有争议。"})
    WORKFLOW.run(case, "approve_refusal", by=head, on=date(2024, 10, 8), data={})
    WORKFLOW.run(case, "refuse", by=staff, on=date(2024, 10, 8), data={"refund": "part", "refund_amount": 50})
    text = _text(client.get(reverse("notary:document", args=[case.pk, "refusal_decision"])).content)
    assert "不予办理公证决定书" in text and "第三十一条第（4）项" in text and "退还部分已收取的公证费" in text
    assert "当事人之间对房屋归属有争议。" in text


def test_the_leader_reads_but_takes_no_step_and_others_are_refused(login, users, apply):
    case = apply()
    assert login(users["leader"]).get(case.get_absolute_url()).status_code == 200
    resp = login(users["leader"]).post(reverse("notary:action", args=[case.pk, "issue"]),
                                       {"on": "2024-10-08", "version": case.version})
    case.refresh_from_db()
    assert case.state == State.ACCEPTED and resp.status_code in (200, 403)
    assert login(users["legalaid"]).get(case.get_absolute_url()).status_code == 403


def test_a_citizen_applies_online_and_follows_the_progress(client, staff, office):
    core_district.put(district.OFFICE, office.code)
    data = {"name": "周某", "id_number": "110101199003077774", "phone": "13912345678", "matter": "criminal_record",
            "for_use_abroad": "on", "purpose": "用于境外留学", "channel": "zero_visit", "details": "无犯罪记录证明"}
    page = client.get(reverse("portal:apply"), {"service": "notary"}, **ZH).content.decode()
    assert "网上申办公证" in page and "一次都不跑" in page
    resp = client.post(reverse("portal:apply") + "?service=notary", data, REMOTE_ADDR="10.0.0.9", **ZH)
    assert resp.status_code == 302
    app = Notarisation.objects.get()
    assert app.state == State.APPLIED and app.channel == "zero_visit" and app.group == "foreign"
    assert app.receipt_number in client.get(reverse("portal:receipt"), **ZH).content.decode()
    WORKFLOW.run(app, "accept", by=staff, data={"notary": "沈丽"})
    progress = client.post(reverse("portal:progress"), {"receipt_number": app.receipt_number,
                                                        "phone": "13912345678"}, REMOTE_ADDR="10.0.0.8", **ZH)
    html = progress.content.decode()
    assert progress.context["app"].pk == app.pk and app.number in html and "预计出证期限" in html
    wrong = client.post(reverse("portal:progress"), {"receipt_number": app.receipt_number,
                                                     "phone": "13900000000"}, REMOTE_ADDR="10.0.0.7", **ZH)
    assert wrong.context["app"] is None


def test_a_will_online_without_a_visit_is_refused_on_the_field(client, office):
    core_district.put(district.OFFICE, office.code)
    resp = client.post(reverse("portal:apply") + "?service=notary", {
        "name": "周某", "id_number": "110101199003077774", "phone": "13912345678", "matter": "will",
        "channel": "zero_visit"}, REMOTE_ADDR="10.0.0.6", **ZH)
    assert resp.status_code == 200 and "《公证法》第二十六条" in resp.content.decode()
    assert not Notarisation.objects.exists()


HEAD = "业务编号,公证处,申请人,公证事项,用于境外,渠道,申请日期,受理日期,出证日期,不予办理日期,不予办理情形,承办公证员\n"


def _import(tmp_path, body: str, user):
    path = tmp_path / "notary.csv"
    path.write_text(HEAD + body, encoding="utf-8-sig")
    return imports.run(imports.importer("notarisations"), path, by=user)


def test_the_business_system_export_is_imported_all_or_nothing(tmp_path, staff, users):
    body = ("N1,PT-GZC,王甲,委托,否,窗口,2024-03-04,2024-03-04,2024-03-08,,,沈丽\n"
            "N2,PT-GZC,李乙,亲属关系,是,一次都不跑,2024-03-04,2024-03-05,2024-04-30,,,沈丽\n"
            "N3,PT-GZC,张丙,声明,否,窗口,2024-03-04,2024-03-04,,2024-03-06,4,沈丽\n")
    report = _import(tmp_path, body, staff)
    assert not report.errors and report.written == 3
    n1, n2, n3 = (Notarisation.objects.get(external_id=k) for k in ("N1", "N2", "N3"))
    assert (n1.state, n1.issued_in_time, n2.group, n2.issued_in_time) == ("issued", True, "foreign", False)
    assert n3.state == "refused" and n3.refusal_ground == "4"
    again = _import(tmp_path, body, staff)
    assert again.written == 0 and Notarisation.objects.count() == 3
    bad = _import(tmp_path, "N9,PT-GZC,赵丁,不存在,否,窗口,2024-13-01,,,,,\n", staff)
    assert {e.column for e in bad.errors} == {"公证事项", "申请日期"} and Notarisation.objects.count() == 3
    assert _import(tmp_path, "N8,PT-GZC,赵丁,委托,否,,2024-03-04,,,,,\n", users["mediator"]).errors


def test_every_step_page_opens_and_a_step_is_taken_through_it(login, staff, apply):
    case = apply()
    client = login(staff)
    for name in WORKFLOW.transitions:
        assert client.get(reverse("notary:action", args=[case.pk, name]), **ZH).status_code == 200, name
    resp = client.post(reverse("notary:action", args=[case.pk, "request_supplement"]),
                       {"on": "2024-09-30", "version": case.version, "reason": "请补充委托人身份证明。"}, **ZH)
    case.refresh_from_db()
    assert resp.status_code == 302 and case.state == State.PAUSED and case.pause_reason == "请补充委托人身份证明。"
    stale = client.post(reverse("notary:action", args=[case.pk, "resume"]), {"on": "2024-10-08", "version": 1}, **ZH)
    case.refresh_from_db()
    assert stale.status_code == 200 and case.state == State.PAUSED  # a stale version is refused, nothing written


def test_the_fee_total_and_the_refunds_drill_down_to_their_applications(login, staff, head, apply):
    from decimal import Decimal

    from sifa.core import metrics

    a = apply(received_on=date(2024, 3, 4))  # an entrustment: the district's 200 yuan
    b = apply(received_on=date(2024, 3, 5), matter="will")  # a will: 400 yuan
    WORKFLOW.run(b, "record_fee", by=staff, on=date(2024, 3, 5), data={"fee": Decimal("450")})
    WORKFLOW.run(b, "report_refusal", by=staff, on=date(2024, 3, 6),
                 data={"refusal_ground": "9", "refusal_reasons": "当事人拒绝按照规定支付公证费。"})
    WORKFLOW.run(b, "approve_refusal", by=head, on=date(2024, 3, 6), data={})
    WORKFLOW.run(b, "refuse", by=staff, on=date(2024, 3, 7), data={"refund": "full"})
    values = metrics.compute(date(2024, 3, 1), date(2024, 3, 31), lines=["notary"]).values
    assert values["notary.fees"] == Decimal("650") and values["notary.refunds"] == Decimal("450")
    client = login(staff)
    fees = client.get(reverse("notary:list"), {"metric": "notary.fees", "from": "2024-03-01", "to": "2024-03-31"})
    assert {c.pk for c in fees.context["page"].rows} == {a.pk, b.pk}
    refunds = client.get(reverse("notary:list"), {"metric": "notary.refunds", "from": "2024-03-01",
                                                   "to": "2024-03-31"})
    assert [c.pk for c in refunds.context["page"].rows] == [b.pk]
