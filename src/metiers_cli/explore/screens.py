"""The explorer's screens: the main one (list, card and tabs), the glossary, and the help."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Input, Label, OptionList, Select, Static, TabbedContent, TabPane
from textual.worker import get_current_worker

from .. import french
from ..model import LEVELS
from ..text import fold
from . import views
from .views import Link
from .widgets import LinkList, RoleList, SearchField

if TYPE_CHECKING:
    from .app import ExplorerApp

try:
    NOTHING = Select.NULL  # Textual 8
except AttributeError:  # pragma: no cover - older Textual
    NOTHING = Select.BLANK

TABS = {"card": "Fiche", "trees": "Organigrammes", "path": "Parcours", "compare": "Comparaison"}
WELCOME = ("Bienvenue dans l'explorateur des métiers de la communication et du marketing digital.\n\n"
           "Tapez un nom de métier dans le champ de recherche, ou parcourez la liste : Entrée ouvre la fiche. "
           "Les métiers liés à une fiche sont listés à côté d'elle : Entrée ou un clic les ouvre.\n\n"
           "Touche ? : toutes les touches. Touche q : quitter.")


def status_text(app: ExplorerApp) -> str:
    """The line at the top: where we are, the marks, the pins, the history."""
    role = app.current
    parts = ["metiers"] if role is None else []
    if role is not None:
        parts.append(role.title + (" ★" if role.id in app.favourites else "")
                     + (" (épinglé)" if role.id in app.pins else ""))
    parts.append(f"épinglés {len(app.pins)}/{views.MAX_PINS}")
    parts.append(french.plural(len(app.favourites.roles), "favori"))
    if len(app.history.items) > 1:
        parts.append(f"historique {app.history.index + 1}/{len(app.history.items)}")
    return views.plain(" · ".join(parts))


class MainScreen(Screen):
    """Search and list on the left; on the right, the open role in four tabs: its card with its links, its org
    charts, a career path from it, and the comparison of the pinned roles."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-medium"), (140, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]

    BINDINGS = [  # in the footer's order: what a narrow footer must show first; the tooltip is the help's line
        Binding("question_mark", "app.help", "Aide", key_display="?", tooltip="cette aide : toutes les touches"),
        Binding("q", "app.quit", "Quitter", tooltip="quitter l'explorateur ; le terminal est rendu tel qu'il était"),
        Binding("slash", "focus_search", "Chercher", key_display="/",
                tooltip="aller au champ de recherche : les résultats suivent la frappe"),
        Binding("f", "favourite", "Favori", tooltip="marquer le métier ouvert comme favori, ou le retirer des "
                                                    "favoris (« metiers favoris » les liste)"),
        Binding("p", "pin", "Épingler", tooltip=f"épingler le métier ouvert pour la comparaison, ou le retirer "
                                                f"({views.MAX_PINS} au plus)"),
        Binding("b,alt+left", "back", "Retour", tooltip="revenir au métier précédent"),
        Binding("n,alt+right", "forward", "Suivant", tooltip="aller au métier suivant, après un retour"),
        Binding("g", "glossary", "Glossaire",
                tooltip="le glossaire, ouvert sur le terme choisi dans les liens de la fiche s'il y en a un"),
        Binding("s,1", "tab('card')", "Fiche", show=False, tooltip="onglet Fiche : la fiche et ses liens"),
        Binding("t,2", "tab('trees')", "Organigrammes",
                tooltip="onglet Organigrammes : toutes les places du métier, ou un organigramme entier"),
        Binding("r,3", "tab('path')", "Parcours",
                tooltip="onglet Parcours : du métier ouvert au métier visé, compétences acquises et à acquérir"),
        Binding("c,4", "tab('compare')", "Comparer",
                tooltip="onglet Comparaison : les métiers épinglés, en résumé puis aspect par aspect"),
        Binding("x", "clear_pins", "Vider les épingles", show=False, tooltip="retirer toutes les épingles"),
        Binding("l", "toggle_list", "Liste", show=False,
                tooltip="masquer ou montrer la liste, pour lire la fiche sur toute la largeur"),
    ]
    BINDINGS = [replace(b, tooltip=french.typeset(b.tooltip)) for b in BINDINGS]

    app: ExplorerApp

    def __init__(self) -> None:
        super().__init__()
        self._drawn: dict[str, object] = {}  # tab -> the state its content was drawn for

    # -- layout ------------------------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        app = self.app
        yield Static(id="status")
        with Horizontal(id="body"):
            with Vertical(id="sidebar"):
                yield SearchField(placeholder="Chercher un métier (/)", id="search", compact=True)
                yield Select(app.structure_names, prompt="Toutes les structures", id="structure", compact=True)
                yield Select([(label, key) for key, label in LEVELS.items()], prompt="Tous les niveaux", id="level",
                             compact=True)
                yield RoleList(id="roles", compact=True)
            with TabbedContent(id="tabs", initial="card"):
                with TabPane(TABS["card"], id="card"):
                    with Horizontal(id="card-area", classes="-empty"):
                        with VerticalScroll(id="card-scroll"):
                            yield Static(views.message(WELCOME, ""), id="card-text")
                        with Vertical(id="links-box"):
                            yield Label(views.plain("Métiers liés et vocabulaire"), id="links-title")
                            yield LinkList(id="links", compact=True)
                with TabPane(TABS["trees"], id="trees"):
                    yield Select([("Les places de ce métier", "")] + [(views.plain(f"Organigramme entier : {name}"),
                                                                        sid) for name, sid in app.structure_names],
                                 value="", allow_blank=False, id="chart", compact=True)
                    with VerticalScroll(id="trees-scroll", classes="pane-scroll"):
                        yield Static(id="trees-text")
                with TabPane(TABS["path"], id="path"):
                    yield Select(app.sorted_titles, prompt="Choisir le métier visé…", id="target", compact=True)
                    with VerticalScroll(id="path-scroll", classes="pane-scroll"):
                        yield Static(id="path-text")
                with TabPane(TABS["compare"], id="compare"):
                    yield Static(id="pins-line")
                    with VerticalScroll(id="compare-scroll", classes="pane-scroll"):
                        yield Static(id="compare-text")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.show_list()
        if self.app.start:
            self.open(self.app.start)
            self.query_one("#links").focus()
        else:
            self.query_one("#search").focus()
        self.update_status()
        if self.app.favourites.notice:
            self.notify(views.plain(self.app.favourites.notice), severity="warning", timeout=12)

    # -- the list and the search -------------------------------------------------------------------------------
    def allowed(self) -> set[str] | None:
        """The roles the filters let through, or None without filters."""
        structure, level = self.query_one("#structure", Select).value, self.query_one("#level", Select).value
        allowed = None
        if structure not in (NOTHING, None):
            allowed = set(self.app.base.roles_in(structure))
        if level not in (NOTHING, None):
            at_level = {rid for rid, _t, _f, lvl in self.app.summaries if lvl == level}
            allowed = at_level if allowed is None else allowed & at_level
        return allowed

    def show_list(self) -> None:
        """The roles grouped by family, the favourites first, as the filters allow."""
        app = self.app
        allowed = self.allowed()
        keep = app.current.id if app.current else None
        groups: list[tuple[str, list[tuple[str, str]]]] = []
        marked = [r for r in app.favourites.roles if r in app.titles and (allowed is None or r in allowed)]
        if marked:
            groups.append(("Favoris", [(r, app.titles[r]) for r in marked]))
        by_family: dict[str, list[tuple[str, str]]] = {}
        for rid, title, family, _level in app.summaries:
            if allowed is None or rid in allowed:
                by_family.setdefault(family, []).append((rid, title))
        families = app.base.families()
        order = list(families) + [f for f in by_family if f not in families]
        groups += [(app.base.family_label(f), by_family[f]) for f in order if f in by_family]
        self.query_one("#roles", RoleList).show_groups(groups, set(app.favourites.roles), keep)

    @on(Input.Changed, "#search")
    def _typed(self, event: Input.Changed) -> None:
        self.refresh_results()

    @on(Select.Changed, "#structure, #level")
    def _filtered(self, event: Select.Changed) -> None:
        self.refresh_results()

    def refresh_results(self) -> None:
        query = self.query_one("#search", Input).value
        if query.strip():
            self.search(query, self.allowed())
        else:
            self.workers.cancel_group(self, "search")
            self.show_list()

    @work(thread=True, exclusive=True, group="search")
    def search(self, query: str, allowed: set[str] | None) -> None:
        """The CLI's search (same ranking), off the UI thread; only the latest query's results are shown."""
        failed = False
        try:
            hits = self.app.find(query, allowed)
        except Exception:  # noqa: BLE001 - a bug of the search must not close the explorer
            hits, failed = [], True
        if not get_current_worker().is_cancelled:
            try:
                self.app.call_from_thread(self.show_hits, query, hits, failed)
            except RuntimeError:  # the explorer closed meanwhile
                pass

    def show_hits(self, query: str, hits: list, failed: bool) -> None:
        if query != self.query_one("#search", Input).value:
            return  # a late answer to an earlier query
        self.query_one("#roles", RoleList).show_hits(query, hits, set(self.app.favourites.roles), failed)

    @on(Input.Submitted, "#search")
    def _submitted(self, event: Input.Submitted) -> None:
        target = self.query_one("#roles", RoleList).target()
        if target:
            self.open(target)
            self.query_one("#roles").focus()  # letters are keys again; / comes back here

    def action_focus_results(self) -> None:
        self.query_one("#roles").focus()

    def action_focus_search(self) -> None:
        if self.query_one("#sidebar").display is False:
            self.action_toggle_list()
        self.query_one("#search").focus()

    def action_toggle_list(self) -> None:
        sidebar = self.query_one("#sidebar")
        sidebar.display = not sidebar.display
        if not sidebar.display and self.focused is not None and sidebar in self.focused.ancestors:
            self.set_focus(None)
            self.focus_next()

    # -- opening roles ------------------------------------------------------------------------------------------
    @on(OptionList.OptionSelected, "#roles")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        target = self.query_one("#roles", RoleList).target(event.option_index)
        if target:
            self.open(target)

    @on(OptionList.OptionSelected, "#links")
    def _followed(self, event: OptionList.OptionSelected) -> None:
        link = self.query_one("#links", LinkList).target(event.option_index)
        if isinstance(link, Link):
            if link.kind == "term":
                self.app.push_glossary(link.target)
            else:
                self.open(link.target)

    def open(self, role_id: str, record: bool = True, show_card: bool = True) -> None:
        """Show a role: its card and links, and the content of the tab in view."""
        app = self.app
        role = app.base.role(role_id)
        if role is None:
            self.notify(views.plain(f"métier introuvable dans cette base : {role_id}"), severity="error")
            return
        if record:
            app.history.visit(role_id)
        app.current = role
        self.query_one("#card-area").remove_class("-empty")
        self.query_one("#card-text", Static).update(views.card(app.base, role))
        self.query_one("#card-scroll").scroll_home(animate=False)
        self.draw_links()
        self.query_one("#roles", RoleList).reveal(role_id)
        tabs = self.query_one("#tabs", TabbedContent)
        if show_card and tabs.active != "card":
            tabs.active = "card"
        else:
            self.draw(tabs.active)
        self.update_status()

    def draw_links(self) -> None:
        app = self.app
        if app.current is not None:
            self.query_one("#links", LinkList).show_links(views.links(app.base, app.current),
                                                          set(app.favourites.roles))

    def action_back(self) -> None:
        role_id = self.app.history.back()
        if role_id:
            self.open(role_id, record=False, show_card=False)

    def action_forward(self) -> None:
        role_id = self.app.history.forward()
        if role_id:
            self.open(role_id, record=False, show_card=False)

    # -- tabs -------------------------------------------------------------------------------------------------
    def action_tab(self, name: str) -> None:
        self.query_one("#tabs", TabbedContent).active = name
        focus = {"card": "#card-scroll", "trees": "#trees-scroll", "path": "#target", "compare": "#compare-scroll"}
        self.query_one(focus[name]).focus()

    @on(TabbedContent.TabActivated, "#tabs")
    def _tab_shown(self, event: TabbedContent.TabActivated) -> None:
        self.draw(event.pane.id)

    @on(Select.Changed, "#chart, #target")
    def _tab_choice(self, event: Select.Changed) -> None:
        self.draw(self.query_one("#tabs", TabbedContent).active)

    def draw(self, tab: str | None) -> None:
        """The content of a tab for the present state, drawn only when that state changed."""
        app = self.app
        role = app.current
        if tab == "trees":
            chart = self.query_one("#chart", Select).value
            state = (role.id if role else None, chart)
            if self._drawn.get(tab) != state:
                self._drawn[tab] = state
                if chart not in ("", NOTHING, None):
                    shown = views.structure_tree(app.base, chart, app.titles)
                elif role is None:
                    shown = views.message("Ouvrez d'abord une fiche : ses organigrammes s'afficheront ici, ou "
                                          "choisissez un organigramme entier ci-dessus.")
                else:
                    shown = views.role_trees(app.base, role.id, app.titles)
                self.query_one("#trees-text", Static).update(shown)
                self.query_one("#trees-scroll").scroll_home(animate=False)
        elif tab == "path":
            goal = self.query_one("#target", Select).value
            state = (role.id if role else None, goal)
            if self._drawn.get(tab) != state:
                self._drawn[tab] = state
                if role is None:
                    shown = views.message("Ouvrez d'abord une fiche : le parcours part du métier ouvert.")
                elif goal in (NOTHING, None):
                    shown = views.message(f"Parcours depuis {role.title} : choisissez le métier visé dans la liste "
                                          "ci-dessus (Entrée ouvre la liste ; tapez les premières lettres pour "
                                          "y aller). Les étapes montrent les compétences acquises qui servent "
                                          "encore et celles à acquérir.")
                else:
                    shown = views.career_path(app.base, app.moves(), role.id, goal, app.titles)
                self.query_one("#path-text", Static).update(shown)
                self.query_one("#path-scroll").scroll_home(animate=False)
        elif tab == "compare":
            state = tuple(app.pins)
            if self._drawn.get(tab) != state:
                self._drawn[tab] = state
                self.query_one("#pins-line", Static).update(views.Glued(views.pins_line(app.pins, app.titles)))
                if len(app.pins) < 2:
                    shown = views.message("Épinglez de 2 à 4 métiers avec la touche p sur leur fiche pour les "
                                          "comparer ici : d'abord l'essentiel (en résumé), puis ce qu'ils "
                                          "partagent et ce qui les distingue. Touche x : tout retirer.")
                else:
                    shown = views.comparison(app.base, app.pins, app.titles)
                self.query_one("#compare-text", Static).update(shown)
                self.query_one("#compare-scroll").scroll_home(animate=False)

    # -- marks ------------------------------------------------------------------------------------------------
    def action_favourite(self) -> None:
        app = self.app
        if app.current is None:
            self.notify(views.plain("Ouvrez d'abord une fiche : f marque le métier ouvert."))
            return
        from ..favorites import FavouritesError

        try:
            marked = app.favourites.toggle(app.current.id)
        except FavouritesError as exc:
            self.notify(views.plain(str(exc)), severity="error", timeout=10)
            return
        self.notify(views.plain(f"{app.current.title} : " + ("ajouté aux favoris" if marked
                                                             else "retiré des favoris")))
        self.after_marks()

    def action_pin(self) -> None:
        app = self.app
        if app.current is None:
            self.notify(views.plain("Ouvrez d'abord une fiche : p épingle le métier ouvert pour la comparaison."))
            return
        rid = app.current.id
        if rid in app.pins:
            app.pins.remove(rid)
            said = f"{app.current.title} : retiré de la comparaison"
        elif len(app.pins) >= views.MAX_PINS:
            self.notify(views.plain(f"Déjà {views.MAX_PINS} métiers épinglés : retirez-en un (p sur sa fiche) ou "
                                    "videz les épingles (x)."), severity="warning")
            return
        else:
            app.pins.append(rid)
            said = f"{app.current.title} : épinglé pour la comparaison ({len(app.pins)}/{views.MAX_PINS})"
        self.notify(views.plain(said))
        self.after_marks()

    def action_clear_pins(self) -> None:
        if self.app.pins:
            self.app.pins.clear()
            self.notify(views.plain("Épingles retirées."))
            self.after_marks()

    def after_marks(self) -> None:
        """Lists, links, status and the comparison after a favourite or a pin changed."""
        self.refresh_results()
        self.draw_links()
        self.update_status()
        self.draw(self.query_one("#tabs", TabbedContent).active)

    def update_status(self) -> None:
        self.query_one("#status", Static).update(status_text(self.app))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys that can't act now are shown dimmed in the footer."""
        app = self.app
        if action == "back":
            return app.history.can_back or None
        if action == "forward":
            return app.history.can_forward or None
        if action in ("favourite", "pin"):
            return app.current is not None or None
        return True

    # -- glossary ---------------------------------------------------------------------------------------------
    def action_glossary(self) -> None:
        link = self.query_one("#links", LinkList).target()
        self.app.push_glossary(link.target if isinstance(link, Link) and link.kind == "term" else None)


class GlossaryScreen(Screen[str | None]):
    """The glossary: the terms, filtered as you type; the chosen term's definition, its roles and related terms.
    A role chosen here opens in the main screen."""

    BINDINGS = [
        Binding("escape", "close", "Fermer", key_display="Échap"),
        Binding("slash", "focus_filter", "Filtrer", key_display="/"),
        Binding("g", "close", "Fermer", show=False),
    ]

    app: ExplorerApp

    def __init__(self, term_id: str | None = None) -> None:
        super().__init__()
        self.term_id = term_id
        self.terms = sorted(self.app.base.terms(), key=lambda t: (fold(t.term), t.id))

    def compose(self) -> ComposeResult:
        yield Static(views.plain(f"metiers · glossaire : {french.plural(len(self.terms), 'terme')}"), id="status")
        with Horizontal(id="body"):
            with Vertical(id="term-side"):
                yield Input(placeholder="Filtrer les termes (/)", id="term-filter", compact=True)
                yield OptionList(id="terms", compact=True)
            with Vertical(id="term-main"):
                with VerticalScroll(id="term-scroll"):
                    yield Static(id="term-text")
                yield Label(views.plain("Métiers et termes liés"), id="term-links-title")
                yield LinkList(id="term-links", compact=True)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.fill("")
        terms = self.query_one("#terms", OptionList)
        if self.term_id:
            self.select(self.term_id)
        terms.focus()

    def fill(self, query: str) -> None:
        wanted = fold(query).strip()
        shown = [t for t in self.terms if not wanted or any(wanted in fold(n) for n in t.names)]
        terms = self.query_one("#terms", OptionList)
        terms.set_options([views.plain(t.term) for t in shown])  # plain text: the terms are not markup
        self.shown = shown
        if shown:
            terms.highlighted = 0

    def select(self, term_id: str) -> None:
        index = next((i for i, t in enumerate(self.shown) if t.id == term_id), None)
        if index is None and self.query_one("#term-filter", Input).value:
            self.query_one("#term-filter", Input).value = ""
            self.fill("")
            index = next((i for i, t in enumerate(self.shown) if t.id == term_id), None)
        if index is not None:
            self.query_one("#terms", OptionList).highlighted = index
            self.show_term(self.shown[index])

    @on(Input.Changed, "#term-filter")
    def _filter(self, event: Input.Changed) -> None:
        self.fill(event.value)

    @on(Input.Submitted, "#term-filter")
    def _filter_done(self, event: Input.Submitted) -> None:
        self.query_one("#terms").focus()

    @on(OptionList.OptionHighlighted, "#terms")
    def _term_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if 0 <= event.option_index < len(self.shown):
            self.show_term(self.shown[event.option_index])

    @on(OptionList.OptionSelected, "#terms")
    def _term_chosen(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#term-links").focus()

    def show_term(self, term) -> None:
        app = self.app
        self.term_id = term.id
        self.query_one("#term-text", Static).update(views.term_entry(app.base, term, app.titles))
        self.query_one("#term-scroll").scroll_home(animate=False)
        self.query_one("#term-links", LinkList).show_links(views.term_links(app.base, term, app.titles),
                                                           set(app.favourites.roles), "Aucun métier lié.")

    @on(OptionList.OptionSelected, "#term-links")
    def _followed(self, event: OptionList.OptionSelected) -> None:
        link = self.query_one("#term-links", LinkList).target(event.option_index)
        if isinstance(link, Link):
            if link.kind == "term":
                self.select(link.target)
            else:
                self.dismiss(link.target)

    def action_focus_filter(self) -> None:
        self.query_one("#term-filter").focus()

    def action_close(self) -> None:
        if self.focused is self.query_one("#term-filter", Input) and self.query_one("#term-filter", Input).value:
            self.query_one("#term-filter", Input).value = ""
            return
        self.dismiss(None)


# Keys that are no binding of the explorer's own but that help to list.
WIDGET_KEYS = [
    ("Tab, Maj+Tab", "passer d'une zone à l'autre (recherche, filtres, liste, onglets, fiche, liens)"),
    ("↑ ↓, PgPréc PgSuiv", "parcourir une liste, faire défiler une fiche"),
    ("Entrée, clic", "ouvrir le métier ou le terme choisi ; dans un filtre, ouvrir ses choix"),
    ("Échap", "quitter le champ de recherche ; fermer le glossaire ou cette aide"),
    ("← →", "sur les onglets : passer d'un onglet à l'autre"),
    ("Glossaire", "/ filtre les termes, Entrée passe aux liens du terme, Échap revient aux fiches"),
]


class HelpScreen(ModalScreen[None]):
    """Every key, in French: the bindings of the main screen and of the app, and the keys of the widgets."""

    BINDINGS = [
        Binding("escape,question_mark,enter", "close", "Fermer", key_display="Échap"),
    ]

    def __init__(self, rows: list[tuple[str, str]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        from rich.table import Table

        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for keys, what in self.rows + WIDGET_KEYS:
            table.add_row(keys, french.typeset(french.capitalise(what)))
        with VerticalScroll(id="help-box") as box:
            box.border_title = "Aide : les touches"
            box.border_subtitle = "Échap pour fermer"
            yield Static(views.Glued(table), id="help-text")

    def action_close(self) -> None:
        self.dismiss(None)
