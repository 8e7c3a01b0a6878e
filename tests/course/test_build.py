"""`refocus course build`: every session builds to a standalone deck, an HTML and a PDF handout
and a run-sheet; nothing they load comes from another host, and no facilitator-only text
reaches a deck or a handout. The decks are opened in Chromium with every other host refused."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import pytest

from refocus_kit.course import sessions
from refocus_kit.course.build import REVEAL_ENV, BuildError, build_course
from refocus_kit.course.notebook import FACILITATOR_ONLY, read_notebook
from tests.support.notebooks import ROOT

pytestmark = pytest.mark.slow

CSS_URL = re.compile(r"""(?:@import\s+(?:url\()?|url\()\s*['"]?([^'")\s]+)""")
# Appendix 1 of the manual, word for word (the information sheet handout).
APPENDIX_1 = [
    "Information for individuals who use services about the REFOCUS Study",
    "You may have heard about changes in mental health services to support people's recovery.",
    "“A deeply personal, unique process of changing one's attitudes, values, feelings, goals, "
    "skills and roles. It is a way of living a satisfying, hopeful and contributing life, even "
    "with the limitations caused by illness”.",
    "In other words, recovery involves living as well as possible.",
    "Your team is taking part in a research study which aims to improve the way the team "
    "supports your recovery.",
    "Your treatment preferences \u2013 how you would like us to provide any treatment or care",
    "Please think about what would be helpful for us to know about your values, treatment "
    "preferences strengths and goals",
    "If you're not being asked about these important areas then please remind us \u2013 we are "
    "trying new approaches and you can help us!",
    "Anthony WA (1993) Recovery from mental illness: the guiding vision of the mental health "
    "system in the 1990s, Innovations and Research, 2, 17-24.",
]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_course(tmp_path_factory.mktemp("course"))


class Loads(HTMLParser):
    """What a page loads: every src, a <link>'s href, srcset, <object data>, and the URLs in
    its inline styles."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self._style = False

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        for name in ("src", "data", "poster"):
            if found.get(name):
                self.urls.append(found[name])
        if tag == "link" and found.get("href"):
            self.urls.append(found["href"])
        if found.get("srcset"):
            self.urls += [part.split()[0] for part in found["srcset"].split(",")]
        if found.get("style"):
            self.urls += CSS_URL.findall(found["style"])
        self._style = tag == "style"

    def handle_data(self, data):
        if self._style:
            self.urls += CSS_URL.findall(data)

    def handle_endtag(self, tag):
        self._style = False


def loads_from(path: Path, seen: set[Path] | None = None) -> list[tuple[Path, str]]:
    """Every URL the page (or style sheet) loads, with the folder it is relative to, following
    the local style sheets it links."""
    seen = seen if seen is not None else set()
    if path in seen:
        return []
    seen.add(path)
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".css":
        urls = CSS_URL.findall(text)
    else:
        parser = Loads()
        parser.feed(text)
        urls = parser.urls
    found = [(path.parent, url) for url in urls]
    for url in urls:
        local = local_file(path.parent, url)
        if local and local.suffix == ".css" and local.is_file():
            found += loads_from(local, seen)
    return found


def local_file(folder: Path, url: str) -> Path | None:
    """The file a relative URL names (None for one with a scheme, or data:)."""
    if urlparse(url).scheme:
        return None
    return (folder / url.split("?")[0].split("#")[0]).resolve()


def pages(built) -> list[Path]:
    return [p for p in built.files if p.suffix == ".html"]


def text_of(path: Path) -> str:
    inline = re.sub(r"</?(code|strong|em|span|a|sup)\b[^>]*>", "", path.read_text(encoding="utf-8"))
    plain = re.sub(r"<[^>]+>", " ", inline)
    return " ".join(html.unescape(plain).split())


def test_every_session_builds_to_a_deck_a_handout_and_a_run_sheet(built):
    names = {p.relative_to(built.out).as_posix() for p in built.files}
    for found in sessions().values():
        for name in ("decks/{}.html", "handouts/{}.html", "handouts/{}.pdf", "run-sheets/{}.html"):
            assert name.format(found.folder) in names
    assert {"index.html", "coverage.html", "handouts/information-sheet.pdf"} <= names
    assert all(p.read_bytes()[:5] == b"%PDF-" for p in built.files if p.suffix == ".pdf")
    assert (built.out / "decks" / "reveal.js" / "dist" / "reveal.js").is_file()


def test_every_link_ends_where_it_was_written(built):
    """A link written `<a ... />` is left open by a browser's parser (WeasyPrint's too), which
    copies it into each following paragraph: a handout's pages came out as one blue link. Read
    as a browser does, each page has exactly the links written in it."""
    import tinyhtml5  # the HTML5 parser WeasyPrint makes the PDF handouts with

    for page in pages(built):
        source = page.read_text(encoding="utf-8")
        parsed = tinyhtml5.parse(source).iter("{http://www.w3.org/1999/xhtml}a")
        assert sum(1 for _ in parsed) == len(re.findall(r"<a\b", source)), page.name


def test_nothing_loads_from_another_host(built):
    outside, missing = {}, []
    for page in pages(built):
        loads = loads_from(page)
        outside[page.name] = [url for _folder, url in loads if urlparse(url).netloc]
        missing += [
            url for folder, url in loads if (f := local_file(folder, url)) and not f.exists()
        ]
    assert {name: urls for name, urls in outside.items() if urls} == {}
    assert missing == [], "the decks and pages load files that are not there"
    assert any(url.endswith("source-sans-pro.css") for _f, url in loads_from(page_of(built)))


def page_of(built) -> Path:
    return built.out / "decks" / f"{next(iter(sessions().values())).folder}.html"


def _facilitator_lines() -> dict[str, list[str]]:
    """The facilitator-only text of each session, line by line (long enough to be telling)."""
    found = {}
    for session in sessions().values():
        cells = read_notebook(ROOT / session.notebook).cells
        lines = [
            " ".join(re.sub(r"[*_`>#]", "", line).split())
            for cell in cells
            if FACILITATOR_ONLY in cell.metadata.get("tags", [])
            for line in cell.source.splitlines()
        ]
        found[session.folder] = [line for line in lines if len(line) >= 30]
    return found


def test_no_facilitator_only_text_reaches_a_deck_or_a_handout(built):
    every = _facilitator_lines()
    assert all(every.values()), "each session has facilitator notes to keep out"
    for folder, lines in every.items():
        for kind in ("decks", "handouts"):
            shown = text_of(built.out / kind / f"{folder}.html")
            leaked = [
                line for line in lines if line in " ".join(re.sub(r"[*_`]", "", shown).split())
            ]
            assert leaked == [], f"{kind}/{folder}.html shows facilitator-only text"
            assert "Facilitator notes" not in shown


def test_the_run_sheet_keeps_the_facilitators_commands_and_timings(built):
    for found in sessions().values():
        shown = text_of(built.out / "run-sheets" / f"{found.folder}.html")
        assert "refocus serve --forms-ip 0.0.0.0" in shown and found.notebook in shown
        assert all(part.title in shown for part in found.agenda)
        assert all(item.replace("`", "") in shown for item in found.collect)
        if found.discussion:
            assert f"refocus sessions open --form {found.discussion}" in shown


def test_the_information_sheet_is_appendix_1_word_for_word(built):
    shown = text_of(built.out / "handouts" / "information-sheet.html")
    for line in APPENDIX_1:
        assert line in shown
    assert "Bird V, Leamy M, Le Boutillier C, Williams J, Slade M (2011)" in shown


def test_a_build_without_reveal_says_how_to_get_it(tmp_path, monkeypatch):
    monkeypatch.setenv(REVEAL_ENV, str(tmp_path / "none"))
    with pytest.raises(BuildError, match=r"reveal\.js is not installed .*make reveal"):
        build_course(tmp_path / "out", pdf=False)
    assert not (tmp_path / "out").exists()


@pytest.mark.browser
def test_each_deck_runs_offline_in_chromium(built, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    blocked: list[str] = []

    def local_only(route) -> None:  # a deck is opened from a folder, as on a closed network
        if route.request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", local_only)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        for found in sessions().values():
            page.goto((built.out / "decks" / f"{found.folder}.html").as_uri())
            page.wait_for_function("() => window.Reveal && Reveal.isReady()")
            assert page.evaluate("Reveal.getTotalSlides()") > len(found.agenda) // 2
            title = page.locator(".reveal .slides section.present h1").first.text_content()
            assert title.strip() == found.title
    finally:
        context.close()
    assert blocked == [] and errors == []
