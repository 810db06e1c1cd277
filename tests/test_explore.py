"""`metiers explore`: the explorer driven with Textual's Pilot on the shipped base, screenshots of its main screens
(pytest-textual-snapshot), and the command's behaviour around the screen (no terminal, a bad base, bad
favourites, a real start and quit in a pseudo-terminal)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest
from rich.console import Console

from conftest import plain
from metiers_cli import favorites, search, session

pytest.importorskip("textual")

from metiers_cli.explore.app import ExplorerApp, History  # noqa: E402
from metiers_cli.explore.screens import GlossaryScreen, HelpScreen, MainScreen  # noqa: E402

ROLE = "community-manager"
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal is POSIX")


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    """The shipped base, loaded as the command loads it, compiled into a private cache folder."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("explore-cache")))
        patch.delenv("METIERS_DATA", raising=False)
        return session.load_base(None)


@pytest.fixture(autouse=True)
def private_folders(monkeypatch, tmp_path):
    """The person's favourites and cache are never touched."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("COLORFGBG", raising=False)


def explorer(base, start: str | None = None) -> ExplorerApp:
    app = ExplorerApp(base, favorites.Favourites.open(), start)
    app.animation_level = "none"  # the tabs' underline would slide: nothing to wait for
    return app


async def settle(pilot) -> None:
    """Let the search worker answer and the screen update."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def shown(app, selector: str) -> str:
    """The text of a Static as the person reads it."""
    console = Console(width=100, color_system=None, file=open(os.devnull, "w"))
    with console.capture() as captured:
        console.print(app.screen.query_one(selector).content)
    return captured.get()


def first_role(roles) -> str:
    return next(t for t in roles.targets if t is not None)


# --- driving the explorer --------------------------------------------------------------------------------------


async def test_search_as_you_type_has_the_cli_ranking(shipped):
    app = explorer(shipped)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.focused.id == "search"
        await pilot.press(*"seo")
        await settle(pilot)
        roles = app.screen.query_one("#roles")
        assert first_role(roles) == search.search(shipped, "seo")[0].id
        for query in ("communty manger", "réseaux sociaux"):  # a typo; accents
            app.screen.query_one("#search").value = query
            await settle(pilot)
            expected = [h.id for h in search.search(shipped, query, limit=50)]
            assert [t for t in roles.targets if t is not None] == expected
        for query in ("c", "co", "zz"):  # every keystroke answers, even a word too short to mean anything
            app.screen.query_one("#search").value = query
            await settle(pilot)
            assert "impossible" not in str(roles.get_option_at_index(0).prompt)
        app.screen.query_one("#search").value = "zzzzqqq"
        await settle(pilot)
        assert [t for t in roles.targets if t is not None] == []
        app.screen.query_one("#search").value = ""
        await settle(pilot)
        assert len([t for t in roles.targets if t is not None]) >= len(shipped.summaries())  # grouped list again


async def test_filters_narrow_the_list(shipped):
    app = explorer(shipped)
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.query_one("#structure").value = "pme"
        await settle(pilot)
        listed = {t for t in app.screen.query_one("#roles").targets if t is not None}
        assert listed == shipped.roles_in("pme")
        app.screen.query_one("#level").value = "encadrement"
        await settle(pilot)
        listed = {t for t in app.screen.query_one("#roles").targets if t is not None}
        levels = {rid: level for rid, _t, _f, level in shipped.summaries()}
        assert listed == {r for r in shipped.roles_in("pme") if levels[r] == "encadrement"} != set()
        app.screen.query_one("#level").value = "direction"  # none in a PME: said so
        await settle(pilot)
        assert [t for t in app.screen.query_one("#roles").targets if t is not None] == []
        await pilot.press(*"seo")  # the search within the filters
        await settle(pilot)
        assert [t for t in app.screen.query_one("#roles").targets if t is not None] == []


async def test_keys_move_between_the_search_the_list_and_the_card(shipped):
    app = explorer(shipped)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape")
        assert app.focused.id == "roles"
        await pilot.press("down", "enter")
        assert app.current is not None and app.current.id == app.screen.query_one("#roles").target()
        await pilot.press("l")  # the list hidden: the card takes the width
        assert not app.screen.query_one("#sidebar").display and app.focused is not None
        await pilot.press("slash")
        assert app.screen.query_one("#sidebar").display and app.focused.id == "search"


async def test_open_follow_a_link_back_and_forward(shipped):
    app = explorer(shipped)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"community manager")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.current.id == ROLE
        assert "Missions" in shown(app, "#card-text")
        links = app.screen.query_one("#links")
        related = {link.target for link in links.targets if link is not None and link.kind == "role"}
        role = shipped.role(ROLE)
        assert set(role.works_with) | set(role.evolves_to) | set(role.comes_from) <= related
        assert {d.role for d in role.distinctions} <= related
        assert {line.manager for line in shipped.lines(report=ROLE)} <= related
        links.focus()
        first = links.target()
        await pilot.press("enter")
        await settle(pilot)
        assert app.current.id == first.target != ROLE
        await pilot.press("b")
        assert app.current.id == ROLE
        await pilot.press("n")
        assert app.current.id == first.target
        await pilot.press("alt+left")
        assert app.current.id == ROLE
        assert app.history.items == [ROLE, first.target] and app.history.index == 0


async def test_click_on_a_link_opens_it(shipped):
    app = explorer(shipped, ROLE)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        links = app.screen.query_one("#links")
        assert links.targets[0] is None and links.targets[1].kind == "role"  # a heading, then its first role
        wanted = links.targets[1].target
        await pilot.click("#links", offset=(4, 1))
        await settle(pilot)
        assert app.current.id == wanted != ROLE


async def test_pin_and_compare(shipped):
    app = explorer(shipped, ROLE)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        app.screen.open("social-media-manager")
        await pilot.press("p")
        assert app.pins == [ROLE, "social-media-manager"]
        await pilot.press("c")
        await pilot.pause()
        assert app.screen.query_one("#tabs").active == "compare"
        text = shown(app, "#compare-text")
        assert "En résumé" in text and "Community manager" in text and "Social media manager" in text
        assert "2/4" in shown(app, "#pins-line")
        for other in ("graphiste", "traffic-manager", "seo-manager"):
            app.screen.open(other)
            await pilot.press("p")
        assert len(app.pins) == 4 and "seo-manager" not in app.pins  # four at most
        await pilot.press("x")
        assert app.pins == []


async def test_trees_and_path_tabs(shipped):
    app = explorer(shipped, ROLE)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        assert app.screen.query_one("#tabs").active == "trees"
        text = shown(app, "#trees-text")
        assert "Agence de communication" in text and "Selon l'organisation, sous un autre responsable" in text
        app.screen.query_one("#chart").value = "agence"
        await pilot.pause()
        assert "Agence de communication" in shown(app, "#trees-text")
        await pilot.press("r")
        await pilot.pause()
        assert app.focused.id == "target"
        app.screen.query_one("#target").value = "directeur-communication"
        await pilot.pause()
        text = shown(app, "#path-text")
        assert "Community manager → Directeur de la communication" in text.replace("\u00a0", " ")
        assert "À acquérir" in text or "Acquis" in text


async def test_favourite_marked_and_unmarked(shipped):
    app = explorer(shipped, ROLE)
    file = favorites.path()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        assert json.loads(file.read_text(encoding="utf-8"))["roles"] == [ROLE]
        assert ROLE in app.screen.query_one("#roles").targets[:3]  # the « Favoris » group comes first
        assert "★" in str(app.screen.query_one("#status").content)
        await pilot.press("f")
        assert json.loads(file.read_text(encoding="utf-8"))["roles"] == []


async def test_two_explorers_at_once_lose_no_mark(shipped):
    first, second = explorer(shipped, ROLE), explorer(shipped, "graphiste")
    async with first.run_test(size=(80, 24)) as one, second.run_test(size=(80, 24)) as two:
        await one.press("f")
        await two.press("f")  # the second explorer read the file again before writing it
        assert favorites.load() == [ROLE, "graphiste"]
        assert second.favourites.roles == [ROLE, "graphiste"]
        await one.press("f")
        assert favorites.load() == ["graphiste"]


async def test_damaged_favourites_are_kept_aside_and_the_person_told(shipped):
    file = favorites.path()
    file.parent.mkdir(parents=True)
    file.write_text("[1, 2", encoding="utf-8")
    app = explorer(shipped, ROLE)
    assert app.favourites.notice and app.favourites.roles == []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert any("mis de côté" in n.message for n in app._notifications)
        await pilot.press("f")
    assert json.loads(file.read_text(encoding="utf-8"))["roles"] == [ROLE]
    kept = list(file.parent.glob("favoris.abime-*.json"))
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == "[1, 2"


async def test_glossary_from_a_term_of_the_card_and_back_to_a_role(shipped):
    app = explorer(shipped, ROLE)
    async with app.run_test(size=(80, 24)) as pilot:
        links = app.screen.query_one("#links")
        index = next(i for i, t in enumerate(links.targets) if t is not None and t.kind == "term")
        term = links.targets[index].target
        links.highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, GlossaryScreen) and app.screen.term_id == term
        assert shipped.term(term).definition[:30] in shown(app, "#term-text").replace("\n", " ")
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("g")  # from the key: the glossary, filtered as you type
        await pilot.pause()
        await pilot.press("slash", *"seo")
        await pilot.pause()
        assert app.screen.shown and all("seo" in " ".join(t.names).lower() for t in app.screen.shown)
        await pilot.press("enter", "enter")  # to the term's links, then the first one
        await pilot.pause()
        role_links = [t for t in app.screen.query_one("#term-links").targets if t is not None]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.current.id == role_links[0].target


async def test_help_lists_the_keys_and_quit(shipped):
    app = explorer(shipped, ROLE)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = shown(app, "#help-text")
        for words in ("Quitter", "Ctrl+C", "favori", "Épingler", "précédent", "glossaire", "Organigrammes",
                      "Parcours", "Comparaison", "Alt+←"):
            assert words in text
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_ctrl_c_quits_even_from_the_search_field(shipped):
    app = explorer(shipped)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"q")  # typed, not a quit
        await pilot.pause()
        assert app.screen.query_one("#search").value == "q" and app.is_running
        await pilot.press("ctrl+c")
        await pilot.pause()
    assert app.return_code == 0


def test_history_is_a_browser_s():
    history = History()
    for role in ("a", "b", "c"):
        history.visit(role)
    assert history.back() == "b" and history.back() == "a" and history.back() is None
    history.visit("d")
    assert history.items == ["a", "d"] and not history.can_forward


# --- screenshots -----------------------------------------------------------------------------------------------


def _pins(app) -> None:
    app.pins[:] = [ROLE, "social-media-manager"]


SCREENS = {
    "accueil": (None, ()),
    "fiche": (ROLE, ()),
    "organigrammes": (ROLE, ("t",)),
    "comparaison": (ROLE, ("c",)),
    "glossaire": (ROLE, ("g",)),
    "aide": (ROLE, ("question_mark",)),
}


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("name", list(SCREENS))
def test_screenshots(request, shipped, name, size):
    pytest.importorskip("pytest_textual_snapshot")
    snap_compare = request.getfixturevalue("snap_compare")
    start, keys = SCREENS[name]
    app = explorer(shipped, start)

    async def prepare(pilot) -> None:
        for field in pilot.app.screen.query("Input"):
            field.cursor_blink = False
        if name == "comparaison":
            _pins(pilot.app)

    assert snap_compare(app, press=keys, terminal_size=size, run_before=prepare)


@pytest.mark.parametrize("setting", ["NO_COLOR=1", "COLORFGBG=0;15"], ids=["sans-couleur", "terminal-clair"])
def test_screenshots_without_colour_and_on_a_light_terminal(request, monkeypatch, shipped, setting):
    pytest.importorskip("pytest_textual_snapshot")
    snap_compare = request.getfixturevalue("snap_compare")
    name, value = setting.split("=", 1)
    monkeypatch.setenv(name, value)
    app = explorer(shipped, ROLE)
    assert (app.theme == "textual-light") == (name == "COLORFGBG")

    async def prepare(pilot) -> None:
        for field in pilot.app.screen.query("Input"):
            field.cursor_blink = False

    assert snap_compare(app, terminal_size=(80, 24), run_before=prepare)


# --- around the screen: the command in a real process ----------------------------------------------------------


def _metiers(*args: str) -> list[str]:
    return [sys.executable, "-c", "from metiers_cli.entry import main; main()", *args]


def _in_terminal(args: list[str], keys: bytes = b"", wait_for: bytes = b"", timeout: float = 20.0,
                 env: dict | None = None) -> tuple[int, bytes, str, float]:
    """Run the command with a pseudo-terminal for stdin and stdout (stderr apart), 80×24; type ``keys`` once
    ``wait_for`` has been drawn. Returns (exit code, what the terminal received, stderr, seconds to ``wait_for``)."""
    import fcntl
    import pty
    import select
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    started = time.monotonic()
    process = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=subprocess.PIPE,
                               env={**os.environ, "TERM": "xterm-256color", **(env or {})}, close_fds=True)
    os.close(slave)
    received, seen_at, sent = b"", None, False
    try:
        while time.monotonic() - started < timeout:
            ready, _w, _x = select.select([master], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                received += chunk
            if wait_for and seen_at is None and wait_for in received:
                seen_at = time.monotonic() - started
            if keys and not sent and (seen_at is not None or not wait_for):
                time.sleep(0.3)
                os.write(master, keys)
                sent = True
            if process.poll() is not None and not ready:
                break
        code = process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        raise AssertionError(f"still running; the terminal received: {received[-2000:]!r}") from None
    finally:
        if process.poll() is None:
            process.kill()
        os.close(master)
    return code, received, process.stderr.read().decode("utf-8"), seen_at or -1.0


def test_without_a_terminal_exits_2_in_french():
    done = subprocess.run(_metiers("explore"), stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=30)
    assert done.returncode == 2
    assert plain(done.stderr).startswith("metiers : l'explorateur demande un terminal")
    assert "Traceback" not in done.stderr and done.stdout == ""


@posix_only
def test_an_invalid_base_is_one_line_before_any_screen(tmp_path):
    broken = tmp_path / "cassée.yaml"
    broken.write_text("version: 2\nroles: [\n", encoding="utf-8")
    code, screen, stderr, _ = _in_terminal(_metiers("explore", "--data", str(broken)))
    assert code == 1
    assert plain(stderr).startswith("metiers : ") and stderr.count("\n") == 1 and "Traceback" not in stderr
    assert b"\x1b[?1049h" not in screen  # the full screen never opened


@posix_only
def test_unreadable_favourites_are_one_line_before_any_screen(tmp_path):
    (tmp_path / "data" / "metiers" / "favoris.json").mkdir(parents=True)  # a folder where the file should be
    code, screen, stderr, _ = _in_terminal(_metiers("explore"))
    assert code == 1
    assert plain(stderr).startswith("metiers : fichier des favoris illisible") and stderr.count("\n") == 1
    assert b"\x1b[?1049h" not in screen


@posix_only
def test_opens_quits_and_restores_the_terminal_keeping_damaged_favourites_aside(tmp_path):
    folder = tmp_path / "data" / "metiers"
    folder.mkdir(parents=True)
    (folder / "favoris.json").write_text("{pas du json", encoding="utf-8")
    code, screen, stderr, seconds = _in_terminal(_metiers("explore", ROLE), keys=b"q", wait_for=b"Organigrammes")
    assert code == 0, stderr
    assert 0 < seconds < 10
    assert b"\x1b[?1049h" in screen and screen.rindex(b"\x1b[?1049l") > screen.rindex(b"\x1b[?1049h")
    assert "fichier des favoris abîmé, mis de côté sous favoris.abime-" in stderr
    kept = list(folder.glob("favoris.abime-*.json"))
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == "{pas du json"


def test_other_commands_never_import_textual():
    """Textual is imported by `explore` alone: no other command's start-up pays for it (nor for pydantic)."""
    code = ("import sys\nfrom metiers_cli.cli import run\n"
            "for line in (['--version'], ['--help'], ['show', 'community-manager', '--no-pager'], ['search', 'seo'],\n"
            "             ['favoris'], ['explore', '--help']):\n"
            "    run(line)\n"
            "loaded = [m for m in sys.modules if m.split('.')[0] in ('textual', 'pydantic')]\n"
            "assert not loaded, loaded\n"
            "assert 'metiers_cli.explore' not in sys.modules\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
