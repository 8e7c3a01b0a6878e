"""A team's progress review as a page (HTML, PDF through the kit's printable path) or a workbook
(XLSX, one sheet per part). A team with no data, or an empty store, gets a page saying what is
missing. Everything people typed is escaped on the page and defused in the workbook."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd
from markupsafe import Markup

from refocus_kit.forms.printable import CITATION, write_page
from refocus_kit.forms.safety import neutralise_formula
from refocus_kit.review.build import Review
from refocus_kit.review.delivery import GRACE_DAYS
from refocus_kit.review.exercises import STAGES
from refocus_kit.review.index import INDEX_FORMULA
from refocus_kit.review.reflection import FOLLOW_UP_RULE
from refocus_kit.templating import templates

__all__ = ["REPORT_FORMATS", "review_html", "review_page", "write_report"]

REPORT_FORMATS = (".html", ".pdf", ".xlsx")
_STATUSES = ["held", "due", "overdue", "planned", "cancelled"]
_SHEETS = ("index", "delivery", "actions", "supervision", "partnership", "audit", "practice")


def _delivery(review: Review, team: str) -> dict[str, Any]:
    rows = review.of("delivery", team)
    counts = rows.pivot_table(
        index=["strategy", "strategy_name"], columns="status", values="event_id", aggfunc="size"
    ).reindex(columns=_STATUSES, fill_value=0)
    counts = counts.fillna(0).astype(int).reset_index()
    late = rows[rows["status"].isin(["due", "overdue"])]
    held = rows[rows["status"] == "held"]
    return {"counts": counts.to_dict("records"), "late": late.to_dict("records"),
            "held": held.to_dict("records")}  # fmt: skip


def _team_exercises(review: Review, team: str) -> pd.DataFrame:
    table = review.exercises.table
    return table[table["team"] == team]


def _exercises(review: Review, team: str) -> dict[str, Any]:
    """Per exercise: how many staff are at each stage, and how many sent it late."""
    mine = _team_exercises(review, team)
    if mine.empty:
        note = review.exercises.note or f"No exercises from {team} in the gradebook yet."
        return {"note": note, "rows": []}
    counts = mine.pivot_table(index="title", columns="stage", values="staff", aggfunc="nunique",
                              fill_value=0).reindex(columns=STAGES, fill_value=0)  # fmt: skip
    counts["sent late"] = mine.groupby("title")["late"].sum().astype(int)
    return {"note": "", "columns": list(counts.columns), "rows": counts.reset_index().values}


def _charts(review: Review, team: str) -> dict[str, Markup]:
    """The page's charts as inline SVG (matplotlib escapes the text in them)."""
    from refocus_kit.review.charts import comparison_chart, svg, trends_chart
    from refocus_kit.timetable.gantt import draw_gantt

    if team not in review.teams:
        return {"trends": Markup(""), "comparison": Markup(""), "gantt": Markup("")}
    plan = review.timetables.get(team)
    return {
        "trends": Markup(svg(trends_chart(review, team))),  # noqa: S704
        "comparison": Markup(svg(comparison_chart(review, team))),  # noqa: S704
        "gantt": Markup(svg(draw_gantt(plan))) if plan else Markup(""),  # noqa: S704
    }


def _context(review: Review, team: str) -> dict[str, Any]:
    index = review.of("index", team)
    shares = review.shares(team)
    audit = review.of("audit", team)
    return {
        "team": team,
        "today": review.today,
        "empty": review.empty,
        "demo": team in review.demo_teams,
        "missing": review.missing(team),
        "index": index.iloc[0].to_dict() if len(index) else None,
        "formula": INDEX_FORMULA,
        "delivery": _delivery(review, team),
        "grace": GRACE_DAYS,
        "exercises": _exercises(review, team),
        "actions": review.of("actions", team).to_dict("records"),
        "follow_up_rule": FOLLOW_UP_RULE,
        "supervision": review.of("supervision", team).to_dict("records"),
        "partnership": review.of("partnership", team).to_dict("records"),
        "shares": shares,
        "audits": audit["audited_on"].nunique(),
        "audited": len(audit),
        "worksheets": review.of("worksheets", team).to_dict("records"),
        "practice": review.of("practice", team).to_dict("records"),
        "known": team in review.teams,
        "teams": review.teams,
        **_charts(review, team),
    }


def review_html(review: Review, team: str) -> str:
    """The review's body for one team, as an HTML fragment (also shown in the dashboard)."""
    template = templates("refocus_kit.review").get_template("review.html.j2")
    return template.render(**_context(review, team))


def review_page(review: Review, team: str) -> str:
    body = Markup(review_html(review, team))  # noqa: S704 - autoescaped above
    template = templates("refocus_kit.review").get_template("review-page.html.j2")
    made = dt.datetime.now().strftime("%d %B %Y, %H:%M")
    return template.render(team=team, body=body, made=made, citation=CITATION)


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if value is None or (isinstance(value, float) and value != value):
        return None
    return neutralise_formula(value.item() if hasattr(value, "item") else value)


def _write_xlsx(review: Review, team: str, out: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    notes = book.create_sheet("about")
    notes.append([f"REFOCUS progress review: {team}", f"made {review.today.isoformat()}"])
    for line in (*review.missing(team), INDEX_FORMULA, FOLLOW_UP_RULE, review.exercises.note):
        if line:
            notes.append([neutralise_formula(line)])
    tables = {name: review.of(name, team) for name in _SHEETS}
    tables["exercises"] = _team_exercises(review, team)
    for name, table in tables.items():
        sheet = book.create_sheet(name)
        sheet.append(list(table.columns))
        for row in table.itertuples(index=False):
            sheet.append([_plain(v) for v in row])
    out.parent.mkdir(parents=True, exist_ok=True)
    book.save(out)
    return out


def write_report(review: Review, team: str, out: Path) -> Path:
    """Write the team's review as .html, .pdf or .xlsx, as the file's suffix says."""
    suffix = out.suffix.lower()
    if suffix not in REPORT_FORMATS:
        raise ValueError(f"{out.name}: the report is written as .html, .pdf or .xlsx")
    if suffix == ".xlsx":
        return _write_xlsx(review, team, out)
    return write_page(review_page(review, team), out)
