"""A team's timetable (manual, section 6.2 and Figure 2): the programme dated from the team's
start date, the trainer's kept changes, an iCalendar file and a Gantt chart. Headless: the chart
(matplotlib) is in `timetable.gantt`, imported only when drawn."""

from refocus_kit.timetable.kept import (
    cancel_event,
    clear_demo_timetables,
    kept_changes,
    move_event,
    restore_event,
    save_start,
    team_timetable,
    timetabled_teams,
)
from refocus_kit.timetable.plan import (
    CANCELLED,
    MOVED,
    SCALING_RULE,
    Change,
    DatedEvent,
    Timetable,
    add_months,
    make_timetable,
    month_of,
    scaled_date,
)

__all__ = [
    "CANCELLED",
    "MOVED",
    "SCALING_RULE",
    "Change",
    "DatedEvent",
    "Timetable",
    "add_months",
    "cancel_event",
    "clear_demo_timetables",
    "kept_changes",
    "make_timetable",
    "month_of",
    "move_event",
    "restore_event",
    "save_start",
    "scaled_date",
    "team_timetable",
    "timetabled_teams",
]
