"""The demo district: Putuo's government, its Justice Bureau with divisions and justice offices, the street
offices, the agencies, courts and bodies the seed report names, and one demo user per role. Every unit the
business lines' demos use is declared here. Idempotent."""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction

from sifa.core import district
from sifa.core.models import DistrictSetting, Membership, Role, Unit, User
from sifa.core.models.org import UnitKind as K
from sifa.core.roles import ALWAYS_TWO_FACTOR, sync_roles

DEMO_PASSWORD = "Putuo@2022demo"
# The demo users whose role requires two-factor sign-in (roles.ALWAYS_TWO_FACTOR: the three administrators and
# the leader) get an authenticator device with this published secret, as published as their password, so
# that the demo and the browser tests can sign them in: base32 ONUWMYJNMRSW23ZNORXXI4BNGIYDEMRB, or
# `sifa demo_code` prints the current code. A real installation enrols each person's own phone.
DEMO_TOTP_KEY = b"sifa-demo-totp-2022!".hex()

STREETS = [
    ("CSL", "长寿路街道"), ("CYXC", "曹杨新村街道"), ("CFXC", "长风新村街道"), ("YCL", "宜川路街道"),
    ("GQL", "甘泉路街道"), ("SQL", "石泉路街道"), ("WL", "万里街道"), ("ZRZ", "真如镇街道"),
    ("CZZ", "长征镇"), ("TPZ", "桃浦镇"),
]

# (code, name, short name, kind, parent code)
UNITS: list[tuple[str, str, str, str, str | None]] = [
    ("PT", "上海市普陀区人民政府", "普府", K.DISTRICT_GOVERNMENT, None),
    ("PT-SFJ", "上海市普陀区司法局", "沪普司", K.JUSTICE_BUREAU, "PT"),
    ("PT-SFJ-BGS", "办公室", "普司办", K.BUREAU_DIVISION, "PT-SFJ"),
    ("PT-SFJ-FY", "行政复议科", "普府复", K.BUREAU_DIVISION, "PT-SFJ"),
    ("PT-SFJ-YS", "行政应诉科", "普府应", K.BUREAU_DIVISION, "PT-SFJ"),
    ("PT-SFJ-ZF", "法治督察与执法监督科", "普司执", K.BUREAU_DIVISION, "PT-SFJ"),
    ("PT-SFJ-PF", "普法与依法治理科", "普司普", K.BUREAU_DIVISION, "PT-SFJ"),
    ("PT-SFJ-CF", "人民参与和促进法治科", "普司调", K.BUREAU_DIVISION, "PT-SFJ"),
    ("PT-SFJ-GF", "公共法律服务管理科", "普司公", K.BUREAU_DIVISION, "PT-SFJ"),
    ("PT-SFJ-JZ", "社区矫正科", "普司矫", K.BUREAU_DIVISION, "PT-SFJ"),
    ("PT-FYZX", "普陀区法律援助中心", "普法援", K.LEGAL_AID_CENTRE, "PT-SFJ"),
    ("PT-GZC", "上海市普陀公证处", "沪普证", K.NOTARY_OFFICE, "PT-SFJ"),
    ("PT-XZTJ", "普陀区行政争议调解委员会", "普行调", K.MEDIATION_COMMITTEE, "PT-SFJ"),
    ("PT-YHTJ", "普陀区医患纠纷人民调解委员会", "普医调", K.MEDIATION_COMMITTEE, "PT-SFJ"),
    # district agencies named in the seed
    ("PT-WLJ", "区文旅局", "区文旅局", K.DISTRICT_AGENCY, "PT"),
    ("PT-SCJG", "区市场监管局", "区市场监管局", K.DISTRICT_AGENCY, "PT"),
    ("PT-FGJ", "区房管局", "区房管局", K.DISTRICT_AGENCY, "PT"),
    ("PT-GAFJ", "区公安分局", "区公安分局", K.PUBLIC_SECURITY, "PT"),
    ("PT-GAFJ-JJ", "区公安分局交通警察支队", "交警支队", K.PUBLIC_SECURITY, "PT-GAFJ"),
    ("PT-RSJ", "区人社局", "区人社局", K.DISTRICT_AGENCY, "PT"),
    ("PT-WJW", "区卫健委", "区卫健委", K.DISTRICT_AGENCY, "PT"),
    ("PT-FL", "区妇联", "区妇联", K.OTHER, "PT"),
    ("PT-MZJ", "区民政局", "区民政局", K.DISTRICT_AGENCY, "PT"),
    ("PT-XFB", "区信访办", "区信访办", K.DISTRICT_AGENCY, "PT"),
    ("PT-JYJ", "区教育局", "区教育局", K.DISTRICT_AGENCY, "PT"),
    ("PT-GHZYJ", "区规划资源局", "区规划资源局", K.DISTRICT_AGENCY, "PT"),
    ("PT-CGZF", "区城管执法局", "区城管执法局", K.DISTRICT_AGENCY, "PT"),
    ("PT-STHJ", "区生态环境局", "区生态环境局", K.DISTRICT_AGENCY, "PT"),
    ("PT-FY", "普陀区人民法院", "区法院", K.COURT, None),
    ("SH-TLFY", "上海铁路运输法院", "铁路法院", K.COURT, None),
    ("SH-SZY", "上海市第三中级人民法院", "三中院", K.COURT, None),  # appeals of the district's administrative suits
    ("SH-GY", "上海市高级人民法院", "市高院", K.COURT, None),  # retrials
    ("PT-JCY", "普陀区人民检察院", "区检察院", K.PROCURATORATE, None),
    ("PT-DX", "中共普陀区委党校", "区委党校", K.OTHER, None),
    ("PT-LS-BHHS", "博和汉商律师事务所", "博和汉商", K.LAW_FIRM, "PT-SFJ"),
    ("PT-JD-1", "上海普陀司法鉴定所", "普鉴", K.APPRAISAL_INSTITUTION, "PT-SFJ"),
]
for code, name in STREETS:
    UNITS += [
        (f"PT-SFS-{code}", f"{name}司法所", f"{name[:2]}所", K.JUSTICE_OFFICE, "PT-SFJ"),
        (f"PT-TWH-{code}", f"{name}人民调解委员会", f"{name[:2]}调", K.MEDIATION_COMMITTEE, f"PT-SFS-{code}"),
        (f"PT-JFZX-{code}", f"{name}靠谱解纷中心", f"{name[:2]}解纷", K.DISPUTE_CENTRE, f"PT-SFS-{code}"),
    ]
# The street offices and town governments, which act (and are sued) in their own name.
UNITS += [(f"PT-JDB-{code}", f"{name}办事处" if name.endswith("街道") else f"{name}人民政府", name,
           K.DISTRICT_AGENCY, "PT") for code, name in STREETS]

# Where citizens are received (Unit.address, Unit.office_hours; the public home page lists them). Invented
# addresses on the streets' own roads, marked as demo data: a real district enters its own in the admin.
DEMO_ADDRESS = "（演示数据）"
_HOURS = "周一至周五 9:00—12:00，13:30—17:00（法定节假日除外）"
_ROADS = {"CSL": "长寿路", "CYXC": "曹杨路", "CFXC": "长风路", "YCL": "宜川路", "GQL": "甘泉路", "SQL": "石泉路",
          "WL": "新村路", "ZRZ": "真北路", "CZZ": "金沙江路", "TPZ": "桃浦路"}
OFFICES: dict[str, tuple[str, str]] = {
    "PT-SFJ": (f"上海市普陀区大渡河路 100 号{DEMO_ADDRESS}", _HOURS),
    "PT-SFJ-FY": (f"上海市普陀区大渡河路 100 号 2 楼行政复议接待室{DEMO_ADDRESS}", _HOURS),
    "PT-FYZX": (f"上海市普陀区大渡河路 120 号{DEMO_ADDRESS}", _HOURS),
    **{f"PT-SFS-{code}": (f"上海市普陀区{road} {200 + 10 * i} 号{DEMO_ADDRESS}", _HOURS)
       for i, (code, road) in enumerate(_ROADS.items())},
}

# (username, family name, given name, role, unit code, staff?)
USERS = [
    ("admin", "系统", "管理员", "system_admin", "PT", True),
    ("security", "安全", "管理员", "security_admin", "PT", True),
    ("auditor", "审计", "管理员", "audit_admin", "PT", True),
    ("leader", "顾", "局长", "bureau_leader", "PT", False),
    ("fuyi_head", "王", "科长", "division_head", "PT-SFJ-FY", False),
    ("handler", "李", "承办", "case_handler", "PT-SFJ-FY", False),
    ("handler2", "张", "承办", "case_handler", "PT-SFJ-FY", False),
    ("yingsu", "陈", "应诉", "case_handler", "PT-SFJ-YS", False),
    ("changshou", "刘", "司法所", "office_staff", "PT-SFS-CSL", False),
    ("caoyang", "杨", "司法所", "office_staff", "PT-SFS-CYXC", False),
    ("mediator", "赵", "调解", "mediator", "PT-SFS-CSL", False),
    ("legalaid", "孙", "法援", "legal_aid_staff", "PT-FYZX", False),
    ("notary", "钱", "公证", "notary_staff", "PT-GZC", False),
    ("notary_head", "沈", "主任", "notary_head", "PT-GZC", False),
    ("zhifa", "钱", "执法监督", "case_handler", "PT-SFJ-ZF", False),
    ("jiaozheng", "周", "矫正", "correction_officer", "PT-SFJ-JZ", False),
    ("lvguan", "郑", "律管", "profession_supervisor", "PT-SFJ-GF", False),
    ("jiandu", "郑", "监督", "supervisors_staff", "PT-SFJ-CF", False),
    ("xinfang", "冯", "信访", "petitions_staff", "PT-SFJ-BGS", False),
    ("stats", "吴", "统计", "statistics_viewer", "PT", False),
    ("pufa", "钱", "普法", "rule_of_law_staff", "PT-SFJ-PF", False),
    ("yinsi", "许", "个保", "privacy_officer", "PT", False),
]


@transaction.atomic
def load_units() -> dict[str, Unit]:
    units: dict[str, Unit] = {u.code: u for u in Unit.objects.all()}
    for order, (code, name, short, kind, parent) in enumerate(UNITS):
        unit = units.get(code)
        if unit is None:
            unit = Unit(code=code)
        address, hours = OFFICES.get(code, (unit.address, unit.office_hours))  # others: as entered
        changed = (unit.name, unit.short_name, unit.kind, unit.parent_id, unit.sort, unit.address,
                   unit.office_hours) != (name, short, kind, units[parent].pk if parent else None, order, address,
                                          hours)
        if unit.pk is None or changed:
            unit.name, unit.short_name, unit.kind, unit.sort = name, short, kind, order
            unit.address, unit.office_hours = address, hours
            unit.parent = units[parent] if parent else None
            unit.save()
        units[code] = unit
    return units


# The system and security administrators manage the whole tree: besides the district government they hold
# their role in the other roots (the courts, the procuratorate, the party school), which are not under it.
TREE_ADMINS = ["admin", "security"]


def _demo_password_hash() -> str:
    """One Argon2 hash for all demo users (they share one published password): loading stays fast."""
    return _hash_with(tuple(settings.PASSWORD_HASHERS))


@lru_cache(maxsize=4)
def _hash_with(hashers: tuple[str, ...]) -> str:
    """Remembered per list of hashers, so a hash made under other settings (a test's) is never reused."""
    return make_password(DEMO_PASSWORD)


@transaction.atomic
def load_users(units: dict[str, Unit]) -> list[tuple[str, str, str]]:
    sync_roles()
    roles = {r.code: r for r in Role.objects.all()}
    out = []
    for username, family, given, role, unit_code, staff in USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, last_name=family, first_name=given, is_staff=staff)
            user.password = _demo_password_hash()
            user.save()
        Membership.objects.get_or_create(user=user, unit=units[unit_code], role=roles[role])
        if username in TREE_ADMINS:
            for code, _name, _short, _kind, parent in UNITS:
                if parent is None:
                    Membership.objects.get_or_create(user=user, unit=units[code], role=roles[role])
        if role in ALWAYS_TWO_FACTOR:
            from django_otp.plugins.otp_totp.models import TOTPDevice

            TOTPDevice.objects.get_or_create(user=user, name="demo",
                                             defaults={"key": DEMO_TOTP_KEY, "confirmed": True})
        out.append((username, str(roles[role]), units[unit_code].name))
    return out


# Putuo's values of the settings the lines read (core.district; the system administrator edits them in the admin)
SETTINGS = {
    "reconsideration.office": ("PT-SFJ-FY", "区政府的行政复议机构：受理和办理行政复议申请的单位（单位代码）"),
    "litigation.city_government": ("上海市人民政府", "以区政府为被申请人的行政复议的复议机关"),
    "legalaid.centre": ("PT-FYZX", "受理网上法律援助申请的法律援助机构（单位代码）"),
    "legalaid.callback_days": ("2", "法律咨询回访期限的天数（法律未规定，本区规定）"),
    "legalaid.callback_unit": ("working_days", "回访期限的计算单位：working_days（工作日）或 days（自然日）"),
}


def load_settings() -> None:
    for key, (value, note) in SETTINGS.items():
        if not DistrictSetting.objects.filter(key=key).exists():  # what the administrator has set stays
            district.put(key, value, note)


def load() -> tuple[dict[str, Unit], list[tuple[str, str, str]]]:
    units = load_units()
    load_settings()
    return units, load_users(units)
