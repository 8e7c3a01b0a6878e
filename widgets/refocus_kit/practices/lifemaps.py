"""The six life maps of the visual approach (REFOCUS manual, chapter 3), drawn as pictures.

Each map is built from simple inputs the person chooses (names, events, words), so it can be made
together in a session and taken away as a PNG or PDF. The layouts follow the manual: circles of
closeness across family, friends, community, and mental health staff or providers; a timeline
from birth to now with positive experiences and times of trauma, loss and grief; a page
split between the person's decisions and other people's; mind maps for the rest.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Circle, Ellipse

from refocus_kit.practices.content import load_content
from refocus_kit.practices.figures import blank_axes, new_figure, save_figure, wrap

__all__ = [
    "MAP_KINDS",
    "BackgroundMap",
    "ChoicesMap",
    "LifeEvent",
    "LifeMap",
    "PreferencesMap",
    "RelationshipMap",
    "RespectMap",
    "WhoAmIMap",
    "export_map",
    "map_info",
]

MAP_KINDS = ("relationship", "background", "who_am_i", "preferences", "choices", "respect")
# Colours of the words on a map, each at least 4.5:1 on white (WCAG AA for text).
_PALETTE = ("#1565c0", "#2e7d32", "#b45309", "#6a1b9a", "#00838f", "#ad1457")
_QUIET = "#616161"  # the "nothing added yet" note: grey, yet 6.2:1 on white
_EMPTY = "Nothing added yet"


def map_info(kind: str) -> dict[str, Any]:
    """Title, manual quotation and its source, guide and part names of one map
    (data/lifemaps.yaml)."""
    content = load_content("lifemaps")
    return {**content["maps"][kind], "source": content["source"]}


def _text(ax: Axes, x: float, y: float, s: str, **kw: Any) -> None:
    """Text that never reads "$" as maths: people's words are shown as they wrote them."""
    ax.text(x, y, s, parse_math=False, **kw)


def _title(ax: Axes, kind: str, owner: str) -> None:
    title = map_info(kind)["title"] + (f": {owner}" if owner else "")
    _text(ax, 0.5, 0.97, title, ha="center", va="top", fontsize=14, weight="bold")


@dataclass
class LifeMap:
    """Shared behaviour: every map has an owner label, a kind, and draws itself."""

    kind: ClassVar[str] = ""
    owner: str = ""

    def draw(self) -> Figure:
        fig = new_figure()
        ax = blank_axes(fig)
        _title(ax, self.kind, self.owner)
        self._draw(ax)
        return fig

    def _draw(self, ax: Axes) -> None:
        raise NotImplementedError


@dataclass
class RelationshipMap(LifeMap):
    """People placed in circles of closeness, in the part of life they belong to."""

    kind: ClassVar[str] = "relationship"
    people: list[tuple[str, str, int]] = field(default_factory=list)  # (name, part, closeness)

    def add(self, name: str, part: str, closeness: int = 2) -> None:
        info = map_info("relationship")
        if part not in info["parts"]:
            raise ValueError(f"part must be one of {', '.join(info['parts'])}")
        if closeness not in info["closeness"]:
            raise ValueError("closeness is 1 (very close), 2 (close) or 3 (less close)")
        self.people.append((name, part, closeness))

    def _draw(self, ax: Axes) -> None:
        info = map_info("relationship")
        cx, cy, ring = 0.5, 0.46, 0.13
        for level in (3, 2, 1):
            ax.add_patch(
                Ellipse(
                    (cx, cy),
                    2 * ring * level * 0.75,
                    2 * ring * level,
                    facecolor=("#90caf9", "#bbdefb", "#e3f2fd")[level - 1],
                    edgecolor="#607d8b",
                )
            )
        ax.plot([cx - 0.31, cx + 0.31], [cy, cy], color="#607d8b", lw=0.8)
        ax.plot([cx, cx], [cy - 0.41, cy + 0.41], color="#607d8b", lw=0.8)
        _text(ax, cx, cy, "Me", ha="center", va="center", weight="bold")
        corners = dict(
            zip(
                info["parts"], ((0.12, 0.85), (0.88, 0.85), (0.12, 0.08), (0.88, 0.08)), strict=True
            )
        )
        for index, (part, label) in enumerate(info["parts"].items()):
            x, y = corners[part]
            _text(ax, x, y, wrap(label, 16), ha="center", weight="bold", color=_PALETTE[index])
            self._place(ax, part, index, (cx, cy, ring))
        if not self.people:
            _text(ax, 0.5, 0.03, _EMPTY, ha="center", color=_QUIET)

    def _place(self, ax: Axes, part: str, index: int, centre: tuple[float, float, float]) -> None:
        cx, cy, ring = centre
        start = (90, 0, 180, 270)[index]  # family top-left, friends top-right, ...
        for level in (1, 2, 3):
            names = [n for n, p, c in self.people if p == part and c == level]
            for i, name in enumerate(names):
                angle = math.radians(start + 90 * (i + 1) / (len(names) + 1))
                r = ring * (level - 0.5)
                x, y = cx + 0.75 * r * math.cos(angle), cy + r * math.sin(angle)
                ax.add_patch(Circle((x, y), 0.008, color=_PALETTE[index]))
                _text(ax, x, y + 0.012, wrap(name, 14), ha="center", va="bottom", fontsize=7)


@dataclass(frozen=True)
class LifeEvent:
    """One significant event: when (an age, a year or words), what, and how it felt."""

    when: str
    what: str
    kind: str = "other"


@dataclass
class BackgroundMap(LifeMap):
    """A timeline from birth to now, good times above the line and hard times below."""

    kind: ClassVar[str] = "background"
    events: list[LifeEvent] = field(default_factory=list)

    def add(self, when: str | int, what: str, kind: str = "other") -> None:
        if kind not in map_info("background")["kinds"]:
            raise ValueError("kind is positive, difficult or other")
        self.events.append(LifeEvent(str(when), what, kind))

    def _draw(self, ax: Axes) -> None:
        kinds = map_info("background")["kinds"]
        colours = {"positive": "#2e7d32", "difficult": "#c62828", "other": "#546e7a"}
        y0 = 0.5
        ax.annotate(
            "",
            xy=(0.96, y0),
            xytext=(0.04, y0),
            arrowprops={"arrowstyle": "->", "color": "#37474f", "lw": 2},
        )
        _text(ax, 0.04, y0 - 0.05, "Birth", ha="left", weight="bold")
        _text(ax, 0.96, y0 - 0.05, "Now", ha="right", weight="bold")
        for i, event in enumerate(self.events):
            x = 0.1 + 0.8 * (i + 0.5) / len(self.events)
            up = {"positive": 1, "difficult": -1}.get(event.kind, 1 if i % 2 else -1)
            y = y0 + up * (0.13 + 0.12 * (i % 2))
            ax.plot([x, x], [y0, y], color=colours[event.kind], lw=1)
            ax.plot([x], [y0], "o", color=colours[event.kind])
            _text(
                ax,
                x,
                y,
                f"{event.when}\n{wrap(event.what, 16)}",
                ha="center",
                va="bottom" if up > 0 else "top",
                fontsize=7,
                color=colours[event.kind],
            )
        for j, (kind, label) in enumerate(kinds.items()):
            _text(ax, 0.05 + 0.32 * j, 0.04, f"\u25cf {label}", color=colours[kind], fontsize=8)
        if not self.events:
            _text(ax, 0.5, 0.6, _EMPTY, ha="center", color=_QUIET)


def _mind_map(ax: Axes, centre: str, branches: dict[str, list[str]]) -> None:
    """A centre word with labelled branches around it, the person's items under each."""
    cx, cy = 0.5, 0.47
    ax.add_patch(Ellipse((cx, cy), 0.2, 0.12, facecolor="#fff3e0", edgecolor="#ef6c00"))
    _text(ax, cx, cy, wrap(centre, 14), ha="center", va="center", weight="bold")
    count = max(len(branches), 1)
    for i, (title, items) in enumerate(branches.items()):
        angle = math.pi / 2 - 2 * math.pi * i / count + (math.pi / count if count % 2 == 0 else 0)
        x, y = cx + 0.3 * math.cos(angle), cy + 0.3 * math.sin(angle)
        colour = _PALETTE[i % len(_PALETTE)]
        ax.plot([cx, x], [cy, y], color=colour, lw=2, zorder=0)
        body = "\n".join(f"\u2022 {wrap(item, 22)}" for item in items) or "\u2026"
        ha = "center" if abs(x - cx) < 0.05 else ("left" if x > cx else "right")
        _text(
            ax,
            x,
            y,
            wrap(title, 22),
            ha=ha,
            va="bottom",
            weight="bold",
            color=colour,
            bbox={"facecolor": "white", "edgecolor": colour, "boxstyle": "round"},
        )
        _text(ax, x, y - 0.015, body, ha=ha, va="top", fontsize=7)
    if not any(branches.values()):
        _text(ax, 0.5, 0.04, _EMPTY, ha="center", color=_QUIET)


@dataclass
class WhoAmIMap(LifeMap):
    """Areas of identity the person names, each with their own words."""

    kind: ClassVar[str] = "who_am_i"
    areas: dict[str, list[str]] = field(default_factory=dict)

    def _draw(self, ax: Axes) -> None:
        _mind_map(ax, "Who am I?", self.areas)


@dataclass
class _PartsMap(LifeMap):
    """A mind map whose branches are the parts named in data/lifemaps.yaml."""

    parts: dict[str, list[str]] = field(default_factory=dict)
    centre: ClassVar[str] = ""

    def add(self, part: str, item: str) -> None:
        if part not in map_info(self.kind)["parts"]:
            raise ValueError(f"part must be one of {', '.join(map_info(self.kind)['parts'])}")
        self.parts.setdefault(part, []).append(item)

    def _draw(self, ax: Axes) -> None:
        names = map_info(self.kind)["parts"]
        _mind_map(ax, self.centre, {label: self.parts.get(p, []) for p, label in names.items()})


@dataclass
class PreferencesMap(_PartsMap):
    """Likes, dislikes, interests and gifts."""

    kind: ClassVar[str] = "preferences"
    centre: ClassVar[str] = "My preferences"


@dataclass
class RespectMap(_PartsMap):
    """When the person feels respected or not, what they respect, and the barriers."""

    kind: ClassVar[str] = "respect"
    centre: ClassVar[str] = "Respect"


@dataclass
class ChoicesMap(LifeMap):
    """The page split in two: decisions the person makes, and decisions others make."""

    kind: ClassVar[str] = "choices"
    mine: list[str] = field(default_factory=list)
    others: list[tuple[str, bool]] = field(default_factory=list)  # (decision, want more say)
    barriers: list[str] = field(default_factory=list)

    def _draw(self, ax: Axes) -> None:
        info = map_info("choices")
        parts = info["parts"]
        ax.axvline(0.5, ymin=0.2, ymax=0.9, color="#37474f", lw=2)
        for x, label, colour in (
            (0.25, parts["mine"], "#2e7d32"),
            (0.75, parts["others"], "#1565c0"),
        ):
            _text(ax, x, 0.86, label, ha="center", weight="bold", color=colour, fontsize=12)
        mine = [wrap(d, 34) for d in self.mine]
        others = [
            wrap(d + (f" {info['more_control_mark']}" if more else ""), 34)
            for d, more in self.others
        ]
        _text(ax, 0.05, 0.8, "\n".join(f"\u2022 {d}" for d in mine) or "\u2026", va="top")
        _text(ax, 0.55, 0.8, "\n".join(f"\u2022 {d}" for d in others) or "\u2026", va="top")
        if self.barriers:
            text = parts["barriers"] + ": " + "; ".join(self.barriers)
            _text(ax, 0.05, 0.16, wrap(text, 110), va="top", fontsize=9, color="#b71c1c")
        if not (self.mine or self.others):
            _text(ax, 0.5, 0.04, _EMPTY, ha="center", color=_QUIET)


def export_map(life_map: LifeMap, folder: Path | str, stem: str | None = None) -> dict[str, Path]:
    """Draw the map and save it as PNG and PDF in folder (the caller chooses where)."""
    return save_figure(life_map.draw(), folder, stem or f"{life_map.kind}-map")
