"""Widget for building one of the six life maps (REFOCUS manual, chapter 3, visual approach)
from simple inputs, seeing it drawn, and exporting it as PNG and PDF."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

import ipywidgets as w

from refocus_kit.practices.lifemaps import (
    MAP_KINDS,
    BackgroundMap,
    ChoicesMap,
    LifeMap,
    PreferencesMap,
    RelationshipMap,
    RespectMap,
    WhoAmIMap,
    export_map,
    map_info,
)
from refocus_kit.practices.records import PracticeRecords
from refocus_kit.practices.ui_common import bullet_list, button, export_folder, figure_image
from refocus_kit.practices.ui_records import RecordsBar
from refocus_kit.provenance import kit_own_note, quoted

__all__ = ["LifeMapTool"]

# Room for the longest part of any map, "Decisions other people make (I want more say)".
_CONTROL_WIDTH = "34em"
_WIDE = w.Layout(width="95%")

_MAPS = {
    "relationship": RelationshipMap,
    "background": BackgroundMap,
    "who_am_i": WhoAmIMap,
    "preferences": PreferencesMap,
    "choices": ChoicesMap,
    "respect": RespectMap,
}


def _parts(kind: str) -> list[tuple[str, str]]:
    """(label, value) choices for the 'which part of the map' control of each kind."""
    info = map_info(kind)
    if kind == "background":
        return [(label, key) for key, label in info["kinds"].items()]
    if kind == "choices":
        p = info["parts"]
        return [
            (p["mine"], "mine"),
            (p["others"], "others"),
            (f"{p['others']} {info['more_control_mark']}", "others_more"),
            (p["barriers"], "barriers"),
        ]
    if kind == "who_am_i":
        return [(a, a) for a in info["suggested_areas"]]
    return [(label, key) for key, label in info["parts"].items()]


def _title(answers: dict[str, Any]) -> str:
    items = answers.get("items") or []
    return f"{answers.get('owner') or 'no owner given'}, {len(items)} item(s)"


class LifeMapTool(w.VBox):
    """Add items to a map one at a time; the picture redraws after each addition. The map is
    saved as a ``life_map`` record and can be opened again later."""

    def __init__(
        self,
        kind: str = "relationship",
        owner: str = "",
        folder: Path | str | None = None,
        *,
        respondent: str | None = None,
        team: str | None = None,
        store=None,
    ) -> None:
        if kind not in MAP_KINDS:
            raise ValueError(f"kind must be one of {', '.join(MAP_KINDS)}")
        info = map_info(kind)
        self.kind = kind
        self.map: LifeMap = _MAPS[kind](owner=owner)
        self.items: list[dict[str, Any]] = []  # what was added, in order: the saved record
        self.folder = folder
        records = PracticeRecords(
            "life_map",
            respondent=respondent,
            team=team,
            store=store,
            slot=kind,
            match={"kind": kind},
            title=_title,
        )
        self.records = RecordsBar(records, self.answers, self.load)
        self.part = (
            w.Combobox(
                options=[label for label, _ in _parts(kind)],
                description="Area",
                ensure_option=False,
                layout=w.Layout(width=_CONTROL_WIDTH),
            )
            if kind == "who_am_i"
            else w.Dropdown(
                options=_parts(kind), description="Where", layout=w.Layout(width=_CONTROL_WIDTH)
            )
        )
        self.item = w.Text(
            description="Add", placeholder="A word, a name, a short phrase", layout=_WIDE
        )
        self.extra = self._extra(kind)
        self.add_button = button("Add to map", button_style="primary")
        self.export_button = button("Export PNG and PDF")
        self.picture = w.Box()
        self.exported = w.HTML()
        self.add_button.on_click(lambda _: self.add())
        self.export_button.on_click(lambda _: self.export())
        intro = w.HTML(
            f"<p><b>{escape(info['title'])}</b>: "
            f"<i>{escape(quoted(info['manual'], info['source']))}</i></p>"
            f"<p>{escape(kit_own_note(info['guide'], 'prompt'))}</p>"
        )
        super().__init__(
            [
                intro,
                self.part,
                *([self.extra] if self.extra else []),
                self.item,
                w.HBox([self.add_button, self.export_button]),
                self.picture,
                self.exported,
                self.records,
            ]
        )
        self.redraw()

    @staticmethod
    def _extra(kind: str) -> w.Widget | None:
        if kind == "relationship":
            closeness = map_info(kind)["closeness"]
            return w.Dropdown(
                options=[(v, k) for k, v in closeness.items()],
                value=2,
                description="Closeness",
                layout=w.Layout(width=_CONTROL_WIDTH),
            )
        if kind == "background":
            return w.Text(description="When", placeholder="e.g. age 12, or 2015")
        return None

    def add(self) -> None:
        item = self.item.value.strip()
        if not item:
            return
        entry: dict[str, Any] = {"part": self.part.value, "item": item}
        extra = self.extra
        if self.kind == "relationship" and extra is not None:
            entry["closeness"] = extra.value
        elif self.kind == "background" and extra is not None:
            entry["when"] = extra.value.strip() or "?"
        self._put(entry)
        self.item.value = ""
        self.redraw()
        self.records.changed()

    def _put(self, entry: dict[str, Any]) -> None:
        """Add one item to the map and to the record of what was added."""
        m, part, item = self.map, entry["part"], entry["item"]
        if isinstance(m, RelationshipMap):
            m.add(item, part, entry.get("closeness", 2))
        elif isinstance(m, BackgroundMap):
            m.add(entry.get("when") or "?", item, part)
        elif isinstance(m, WhoAmIMap):
            part = part.strip() or "Other"
            m.areas.setdefault(part, []).append(item)
        elif isinstance(m, ChoicesMap):
            if part in ("mine", "barriers"):
                (m.mine if part == "mine" else m.barriers).append(item)
            else:
                m.others.append((item, part == "others_more"))
        elif isinstance(m, PreferencesMap | RespectMap):
            m.add(part, item)
        self.items.append({**entry, "part": part})

    def answers(self) -> dict[str, Any]:
        """The map in the ``life_map`` record's answer shape."""
        return {"kind": self.kind, "owner": self.map.owner, "items": list(self.items)}

    def load(self, answers: dict[str, Any]) -> None:
        """Draw a saved map again, item by item."""
        self.map, self.items = _MAPS[self.kind](owner=str(answers.get("owner") or "")), []
        for entry in answers.get("items") or ():
            self._put(entry)
        self.redraw()

    def redraw(self) -> None:
        self.picture.children = (figure_image(self.map.draw()),)

    def export(self) -> dict[str, Path]:
        """Save PNG and PDF into the tool's folder (a temporary folder unless one was given)."""
        folder = export_folder(self.folder)
        self.folder = folder
        paths = export_map(self.map, folder)
        self.exported.value = "Saved:" + bullet_list(str(p) for p in paths.values())
        return paths
