"""What the people importers and editors share: who acts (as stored, allowed to set up people),
the audit actor, and the plain lookups a people table is checked against."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from evaluator.db import models as m
from evaluator.io import people_import as pi
from evaluator.io.contest_lookup import read_contests_and_rounds
from evaluator.permissions import Action, UserInfo, require
from evaluator.services.users import user_in
from evaluator.text import name_key


def load_context(session: Session) -> pi.PeopleContext:
    """Everything a people table is checked against, in a handful of queries."""
    ctx = pi.PeopleContext()
    for code, name_th, name_en, zone in session.execute(
        select(m.Province.code, m.Province.name_th, m.Province.name_en, m.Province.zone_number)
    ):
        ctx.add_province(code, name_th, name_en, zone)
    for code, name, province in session.execute(
        select(m.Tambon.code, m.Tambon.name_th, m.District.province_code).join(
            m.District, m.Tambon.district_code == m.District.code
        )
    ):
        ctx.tambons[code] = (name, province)
    inspectors = select(
        m.Inspector.id, m.Inspector.name, m.Inspector.zone_number, m.Inspector.home_province_code
    )
    for iid, name, inspector_zone, home in session.execute(inspectors.order_by(m.Inspector.id)):
        person = pi.InspectorInfo(iid, name, inspector_zone, home)
        ctx.inspectors.setdefault(name_key(name), person)
    read_contests_and_rounds(session, ctx)
    return ctx


def authorise(session: Session, user: UserInfo) -> UserInfo:
    """The acting user as stored, who must be allowed to set up people (admin)."""
    acting = user_in(session, user.id)
    require(acting, Action.SET_UP_PEOPLE)
    return acting
