"""The shared kernel's data: units, users and roles, parties, clocks, numbering, audit, and
the abstract category table of the lines."""

from .api_clients import ApiClient
from .appointments import Appointment, AppointmentState
from .audit import AuditEvent, AuditHead
from .calendar import HolidayOverride
from .categories import Category, CategoryQuerySet
from .clocks import Deadline
from .district import DistrictSetting
from .figures import FigureDefinition, FigureKind
from .imports import ImportJob, ImportJobState
from .limits import RateCount
from .numbering import NumberSeries
from .org import Membership, Role, Unit, UnitKind, User
from .parties import Party, PartyKind
from .privacy import DataRequest, DataRequestKind, DataRequestState
from .referrals import Referral, ReferralState

__all__ = [
    "ApiClient", "Appointment", "AppointmentState", "AuditEvent", "AuditHead", "Category", "CategoryQuerySet",
    "DataRequest", "DataRequestKind", "DataRequestState", "Deadline", "DistrictSetting", "FigureDefinition",
    "FigureKind", "HolidayOverride", "ImportJob", "ImportJobState", "Membership", "NumberSeries", "Party", "PartyKind",
    "RateCount", "Referral", "ReferralState", "Role", "Unit", "UnitKind", "User",
]
