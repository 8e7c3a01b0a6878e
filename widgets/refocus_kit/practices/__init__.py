"""Interactive tools for the three REFOCUS working practices (manual, chapters 3 to 5).

Logic lives in one module per concern (goals, actions, careplan, strengths_quality, lifemaps,
coaching, narrative, vtp_companion, summary) and is usable without a browser; the ``ui_*``
modules wrap it in ipywidgets for the course notebooks. ``records`` keeps what a tool made in
the store, as a response of a declared form, and ``ui_records`` is the Save / Open bar under it.
Every name below is loaded when first used, so the goal check (a text rule) never imports
ipywidgets or matplotlib.
"""

from typing import TYPE_CHECKING

from refocus_kit._lazy import lazy_exports

if TYPE_CHECKING:
    from refocus_kit.practices.actions import ActionPlan, ActionStep, check_smart, draw_balance
    from refocus_kit.practices.careplan import CarePlan, check_care_plan
    from refocus_kit.practices.coaching import CoachingConversation
    from refocus_kit.practices.goals import GoalVerdict, check_goal
    from refocus_kit.practices.lifemaps import (
        BackgroundMap,
        ChoicesMap,
        PreferencesMap,
        RelationshipMap,
        RespectMap,
        WhoAmIMap,
        export_map,
    )
    from refocus_kit.practices.narrative import Narrative
    from refocus_kit.practices.records import PracticeRecords
    from refocus_kit.practices.strengths_quality import check_strengths
    from refocus_kit.practices.summary import compose_record, record_text
    from refocus_kit.practices.ui_coaching import CoachingTool
    from refocus_kit.practices.ui_goals import ActionPlannerTool, CarePlanTool, GoalCheckTool
    from refocus_kit.practices.ui_lifemaps import LifeMapTool
    from refocus_kit.practices.ui_strengths import StrengthsTool
    from refocus_kit.practices.ui_values import NarrativeTool, SummaryTool, VTPCompanionTool
    from refocus_kit.practices.vtp_companion import VTPCompanion

__all__ = [
    "ActionPlan",
    "ActionPlannerTool",
    "ActionStep",
    "BackgroundMap",
    "CarePlan",
    "CarePlanTool",
    "ChoicesMap",
    "CoachingConversation",
    "CoachingTool",
    "GoalCheckTool",
    "GoalVerdict",
    "LifeMapTool",
    "Narrative",
    "NarrativeTool",
    "PracticeRecords",
    "PreferencesMap",
    "RelationshipMap",
    "RespectMap",
    "StrengthsTool",
    "SummaryTool",
    "VTPCompanion",
    "VTPCompanionTool",
    "WhoAmIMap",
    "check_care_plan",
    "check_goal",
    "check_smart",
    "check_strengths",
    "compose_record",
    "draw_balance",
    "export_map",
    "record_text",
]

__getattr__ = lazy_exports(
    __name__,
    {
        "ActionPlan": "actions",
        "ActionPlannerTool": "ui_goals",
        "ActionStep": "actions",
        "BackgroundMap": "lifemaps",
        "CarePlan": "careplan",
        "CarePlanTool": "ui_goals",
        "ChoicesMap": "lifemaps",
        "CoachingConversation": "coaching",
        "CoachingTool": "ui_coaching",
        "GoalCheckTool": "ui_goals",
        "GoalVerdict": "goals",
        "LifeMapTool": "ui_lifemaps",
        "Narrative": "narrative",
        "NarrativeTool": "ui_values",
        "PracticeRecords": "records",
        "PreferencesMap": "lifemaps",
        "RelationshipMap": "lifemaps",
        "RespectMap": "lifemaps",
        "StrengthsTool": "ui_strengths",
        "SummaryTool": "ui_values",
        "VTPCompanion": "vtp_companion",
        "VTPCompanionTool": "ui_values",
        "WhoAmIMap": "lifemaps",
        "check_care_plan": "careplan",
        "check_goal": "goals",
        "check_smart": "actions",
        "check_strengths": "strengths_quality",
        "compose_record": "summary",
        "draw_balance": "actions",
        "export_map": "lifemaps",
        "record_text": "summary",
    },
)
