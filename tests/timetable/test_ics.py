"""The iCalendar file parses back with icalendar: every event, on its date, changes included."""

import datetime as dt

from icalendar import Calendar

from refocus_kit.timetable import CANCELLED, MOVED, Change, make_timetable
from refocus_kit.timetable.ics import calendar_bytes, write_ics

START = dt.date(2027, 3, 15)


def _events(data: bytes):
    return {str(e["uid"]).split(".")[0]: e for e in Calendar.from_ical(data).walk("VEVENT")}


def test_every_event_is_in_the_calendar_on_its_date(tmp_path):
    plan = make_timetable("Team A", START, 18)
    path = write_ics(plan, tmp_path / "team-a.ics")
    events = _events(path.read_bytes())
    assert len(events) == len(plan.events) == 25
    for dated in plan.events:
        entry = events[dated.event.id]
        assert entry.decoded("dtstart") == dated.on
        assert dated.event.title in str(entry["summary"])
        assert ("Provided to the team" in str(entry["description"])) == dated.provided


def test_supervision_reflection_repeats_monthly_until_the_programme_ends():
    plan = make_timetable("Team A", START, 12)
    entry = _events(calendar_bytes(plan))["supervision_reflection"]
    rule = entry["rrule"]
    assert rule["FREQ"] == ["MONTHLY"] and rule["UNTIL"][0] == plan.end


def test_moved_and_cancelled_events():
    changes = {
        "coaching_day": Change("coaching_day", MOVED, dt.date(2027, 3, 30), "trainer ill"),
        "team_reflection_2": Change("team_reflection_2", CANCELLED),
    }
    events = _events(calendar_bytes(make_timetable("Team A", START, 18, changes)))
    assert events["coaching_day"].decoded("dtstart") == dt.date(2027, 3, 30)
    assert "trainer ill" in str(events["coaching_day"]["description"])
    assert str(events["team_reflection_2"]["status"]) == "CANCELLED"
