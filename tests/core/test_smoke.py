from sifa.core.models import Unit


def test_demo_district_loads_twice_without_change(district):
    from sifa.demo import district as d

    before = Unit.objects.count()
    d.load()
    assert Unit.objects.count() == before
    assert Unit.objects.get(code="PT-SFS-CSL").parent.code == "PT-SFJ"


def test_home_page_shows_my_work_in_chinese(district, login):
    client = login(district["users"]["handler"])
    resp = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert resp.status_code == 200
