"""The Posts tree by post: one row per family, language badges, sort, filter, create actions."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from editor.core.workspace import PostIndex
from editor.ui.main_window import MainWindow
from editor.ui.posts_delegate import badge_rects
from editor.ui.posts_pane import PostsPane
from editor.ui.workspace_tree import (
    BADGES_ROLE,
    BY_FOLDER,
    BY_POST,
    DRAFT_ROLE,
    FAMILY_ROLE,
    FILE_ROLE,
    PATH_ROLE,
)
from tests.qt_support import open_site, tree_posts

BLOG = "src/content/blog"
KO_POST = f"{BLOG}/ko/astro-build-pipeline.md"
SLUGS = [
    "astro-build-pipeline",
    "git-branching-workflow",
    "local-llm-ollama-setup",
    "postgresql-index-tuning",
    "rust-vs-go-cli-tools",
]


@pytest.fixture
def window(make_window) -> MainWindow:
    return make_window()


def family_rows(model) -> list[QModelIndex]:
    """Every family row shown, at the top level or under its section."""
    rows = []
    root = model.root_index()
    for row in range(model.rowCount(root)):
        index = model.index(row, 0, root)
        if index.data(FAMILY_ROLE):
            rows.append(index)
        else:
            rows.extend(model.index(r, 0, index) for r in range(model.rowCount(index)))
    return rows


def row_of(model, slug: str) -> QModelIndex:
    return next(i for i in family_rows(model) if i.data(FILE_ROLE) == slug)


def test_sample_site_shows_one_row_per_slug_with_four_badges(qtbot, window, sample_site):
    open_site(qtbot, window, sample_site, sample_site / KO_POST)
    tree = window.tree
    assert tree.view_mode() == BY_POST, "a multilingual site opens by post"
    rows = family_rows(tree.model())
    assert sorted(i.data(FILE_ROLE) for i in rows) == SLUGS
    order = window.site.families().languages
    assert sorted(order) == ["en", "ja", "ko", "zh"]
    for index in rows:
        assert index.data(BADGES_ROLE) == [(lang, True) for lang in order], "site order"
    astro = row_of(tree.model(), "astro-build-pipeline")
    assert astro.data() == "GitHub Actions로 만드는 Astro 정적 사이트 빌드 파이프라인"
    children = [tree.model().index(r, 0, astro) for r in range(tree.model().rowCount(astro))]
    assert [c.data(FILE_ROLE) for c in children] == [
        f"{lang}/astro-build-pipeline.md" for lang in order
    ]
    ja = children[order.index("ja")]
    assert ja.data() == "GitHub ActionsでつくるAstro静的サイトのビルドパイプライン"
    assert tree.isExpanded(astro), "the open post's family shows its languages"
    assert tree.currentIndex() == children[order.index("ko")], "the open post is selected"
    assert len(tree_posts(tree)) == 20
    assert row_of(tree.model(), "local-llm-ollama-setup").data(DRAFT_ROLE)


def test_deleting_a_translation_on_disk_turns_its_badge_missing(qtbot, window, sample_site):
    open_site(qtbot, window, sample_site, sample_site / KO_POST)
    (sample_site / BLOG / "zh" / "rust-vs-go-cli-tools.md").unlink()

    def zh_missing() -> bool:
        badges = row_of(window.tree.model(), "rust-vs-go-cli-tools").data(BADGES_ROLE)
        return dict(badges) == {"ko": True, "ja": True, "en": True, "zh": False}

    qtbot.waitUntil(zh_missing, timeout=3000)
    index = row_of(window.tree.model(), "rust-vs-go-cli-tools")
    assert "zh missing" in index.data(Qt.ItemDataRole.AccessibleDescriptionRole)
    assert window.tree.isExpanded(row_of(window.tree.model(), "astro-build-pipeline")), (
        "the rebuild keeps what was expanded"
    )
    assert window.tree.currentIndex().data(PATH_ROLE) == str((sample_site / KO_POST).resolve()), (
        "and the selection"
    )


def test_a_one_language_site_shows_plain_posts_without_badges(qtbot, settings, tmp_path):
    folder = tmp_path / "site" / "content" / "posts"
    folder.mkdir(parents=True)
    for slug, title in (("first", "첫 번째 글"), ("second", "二番目")):
        (folder / f"{slug}.md").write_text(f"---\ntitle: {title}\n---\nbody\n", encoding="utf-8")
    pane = PostsPane(settings)
    qtbot.addWidget(pane)
    index = PostIndex(tmp_path / "site")
    index.scan()
    pane.tree.set_view_choice(BY_POST)
    pane.tree.set_entries([folder.parent], index.entries())
    model = pane.tree.model()
    rows = family_rows(model)
    assert [i.data() for i in rows] == ["二番目", "첫 번째 글"]
    assert all(not i.data(BADGES_ROLE) for i in rows)
    assert all(model.rowCount(i) == 0 for i in rows), "rows are plain posts"
    assert tree_posts(pane.tree) == {
        folder / "first.md": "첫 번째 글",
        folder / "second.md": "二番目",
    }


def test_sort_by_date_puts_the_newest_first(qtbot, window, sample_site):
    open_site(qtbot, window, sample_site)
    window.posts.sort_combo.setCurrentText("Newest")
    assert [i.data(FILE_ROLE) for i in family_rows(window.tree.model())] == [
        "postgresql-index-tuning",
        "local-llm-ollama-setup",
        "rust-vs-go-cli-tools",
        "astro-build-pipeline",
        "git-branching-workflow",
    ]


def test_filter_missing_zh_and_text_and_drafts(qtbot, window, sample_site):
    (sample_site / BLOG / "zh" / "git-branching-workflow.md").unlink()
    open_site(qtbot, window, sample_site)
    pane = window.posts
    pane.filter_action("Missing zh").trigger()
    assert [i.data(FILE_ROLE) for i in family_rows(window.tree.model())] == [
        "git-branching-workflow"
    ]
    assert pane.filter_button.text() == "Missing zh"
    pane.filter_action("Any language").trigger()
    pane.filter_edit.setText("ＯＬＬＡＭＡ")  # full width, upper case
    assert [i.data(FILE_ROLE) for i in family_rows(window.tree.model())] == [
        "local-llm-ollama-setup"
    ]
    pane.filter_edit.setText("인덱스")
    assert [i.data(FILE_ROLE) for i in family_rows(window.tree.model())] == [
        "postgresql-index-tuning"
    ]
    pane.filter_edit.clear()
    pane.filter_action("Hide drafts").trigger()
    assert "local-llm-ollama-setup" not in [
        i.data(FILE_ROLE) for i in family_rows(window.tree.model())
    ]
    pane.filter_action("Drafts only").trigger()
    assert [i.data(FILE_ROLE) for i in family_rows(window.tree.model())] == [
        "local-llm-ollama-setup"
    ]


def test_the_create_action_asks_for_the_missing_translation_of_the_open_language(
    qtbot, window, sample_site
):
    (sample_site / BLOG / "zh" / "git-branching-workflow.md").unlink()
    ja = (sample_site / BLOG / "ja" / "astro-build-pipeline.md").resolve()
    open_site(qtbot, window, sample_site, ja)
    tree = window.tree
    menu = tree.family_menu(row_of(tree.model(), "git-branching-workflow"))
    labels = [a.text() for a in menu.actions() if not a.isSeparator()]
    order = window.site.families().languages
    assert labels == [f"Open {lang}" for lang in order if lang != "zh"] + ["Create zh translation"]
    with qtbot.waitSignal(tree.createTranslationRequested) as signal:
        menu.actions()[-1].trigger()
    assert signal.args == [
        (sample_site / BLOG / "ja" / "git-branching-workflow.md").resolve(),
        "zh",
    ]
    with qtbot.waitSignal(tree.postActivated) as opened:
        next(a for a in menu.actions() if a.text() == "Open en").trigger()
    assert opened.args == [(sample_site / BLOG / "en" / "git-branching-workflow.md").resolve()]
    menu.deleteLater()


def test_clicking_a_family_opens_it_in_the_open_posts_language(qtbot, window, sample_site):
    ja = (sample_site / BLOG / "ja" / "astro-build-pipeline.md").resolve()
    open_site(qtbot, window, sample_site, ja)
    tree = window.tree
    index = row_of(tree.model(), "rust-vs-go-cli-tools")
    tree.scrollTo(index)
    rect = tree.visualRect(index)
    with qtbot.waitSignal(tree.postActivated) as signal:
        qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert signal.args == [(sample_site / BLOG / "ja" / "rust-vs-go-cli-tools.md").resolve()]


def test_the_view_switch_is_remembered_and_by_folder_lists_language_folders(
    qtbot, window, sample_site, settings
):
    open_site(qtbot, window, sample_site)
    window.posts.by_folder.click()
    tree = window.tree
    assert tree.view_mode() == BY_FOLDER
    assert settings.tree_view() == BY_FOLDER
    assert not window.posts.bar.isVisibleTo(window.posts), "sort and filter are by post only"
    model = tree.model()
    # One collection (src/content/blog): its language folders are the top level.
    assert [model.index(i, 0).data() for i in range(model.rowCount())] == ["en", "ja", "ko", "zh"]
    assert len(tree_posts(tree)) == 20
    window.posts.by_post.click()
    assert settings.tree_view() == BY_POST
    assert len(family_rows(tree.model())) == 5


def test_clicking_a_language_badge_opens_that_language(qtbot, window, sample_site):
    open_site(qtbot, window, sample_site, sample_site / KO_POST)
    tree = window.tree
    index = row_of(tree.model(), "postgresql-index-tuning")
    tree.scrollTo(index)
    badges = index.data(BADGES_ROLE)
    rects = badge_rects(tree.visualRect(index), [lang for lang, _ in badges], tree.font())
    zh = rects[[lang for lang, _ in badges].index("zh")]
    with qtbot.waitSignal(tree.postActivated) as signal:
        qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=zh.center())
    assert signal.args == [(sample_site / BLOG / "zh" / "postgresql-index-tuning.md").resolve()]


def test_a_big_section_is_laid_out_by_qt_without_calling_the_python_model(qtbot) -> None:
    """2,500 families: every row is there at once, as Qt items; the view lays them out
    through the items' own index(), parent(), rowCount(), hasChildren() and flags()."""
    from pathlib import Path

    from PySide6.QtWidgets import QTreeView

    from editor.core.workspace import PostEntry
    from editor.core.workspace.families import group_families
    from editor.ui.posts_model import FamilyModel

    entries = [
        PostEntry(Path(f"/site/blog/{lang}/p{n:04}.md"), f"blog/{lang}/p{n:04}.md",
                  f"p{n:04}", lang, f"Post {n:04}", None, 0, 0, lang_source="folder")
        for n in range(2500) for lang in ("ko", "en")
    ]  # fmt: skip
    model = FamilyModel()
    model.set_site(group_families(entries, ["ko", "en"]))
    for name in ("index", "parent", "rowCount", "hasChildren", "flags", "canFetchMore"):
        assert name not in FamilyModel.__dict__, f"{name}() would be Python, once per row"
    root = model.root_index()
    assert model.rowCount(root) == 2500 and len(model.shown_families()) == 2500
    far = model.family_index("blog/p2499")
    assert far.isValid() and far.row() == 2499 and far.data() == "Post 2499"
    assert model.rowCount(far) == 2 and model.index(1, 0, far).data() == "Post 2499"
    view = QTreeView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setRootIndex(root)
    view.resize(300, 400)
    view.show()
    view.scrollTo(far)
    assert view.visualRect(far).isValid() and view.indexAt(view.visualRect(far).center()) == far


def test_rows_follow_the_arrangement_through_changes_sorts_and_filters(qtbot) -> None:
    """Random regroups, arranged on a worker or not, with sort, filter and section changes:
    every row shows the family (and posts) the arrangement puts there."""
    import random
    from concurrent.futures import ThreadPoolExecutor
    from dataclasses import replace

    from editor.core.workspace.families import group_families, regroup_families
    from editor.core.workspace.family_view import Arranger, FamilyQuery, SortKey
    from editor.ui.posts_model import FamilyModel
    from tests.core.workspace.support import listed_post

    rng = random.Random(5)
    langs = ["ko", "en", "ja"]
    entries = {
        e.path: e
        for n in range(60)
        for lang in langs
        if rng.random() < 0.7
        for e in [listed_post(f"p{n}", lang, f"T{rng.randint(0, 30)}", "blog")]
    }
    site = group_families(entries.values(), langs)
    model = FamilyModel()
    model.set_site(site)
    queries = [FamilyQuery(), FamilyQuery(sort=SortKey.SLUG), FamilyQuery(text="t1")]

    def shown_rows() -> list[tuple[str, list[str]]]:
        rows, root = [], model.root_index()
        lists = [model.section_index(s) for s in model.section_rows()] or [root]
        for parent in lists:
            for row in range(model.rowCount(parent)):
                family = model.index(row, 0, parent)
                posts = [model.index(r, 0, family) for r in range(model.rowCount(family))]
                assert model.family_at(family) is not None
                assert all(model.entry_at(p) is not None for p in posts)
                rows.append((family.data(FAMILY_ROLE), [p.data(PATH_ROLE) for p in posts]))
        return rows

    for step in range(60):
        updated, removed = [], []
        for _ in range(rng.randint(1, 5)):
            choice = rng.random()
            if choice < 0.3:
                section = rng.choice(("blog", "blog", "notes"))
                entry = listed_post(f"p{rng.randint(0, 80)}", rng.choice(langs), "N", section)
            elif choice < 0.5 and len(entries) > 5:
                removed.append(rng.choice(sorted(entries)))
                del entries[removed[-1]]
                continue
            else:
                path = rng.choice(sorted(entries))
                entry = replace(entries[path], title=f"T{rng.randint(0, 30)}")
            entries[entry.path] = entry
            updated.append(entry)
        updated = [e for e in updated if entries.get(e.path) is e]
        later = regroup_families(site, updated, removed, langs)
        site = later if later is not None else group_families(entries.values(), langs)
        if rng.random() < 0.2:
            model.set_query(rng.choice(queries))
        if rng.random() < 0.5:
            with ThreadPoolExecutor(1) as worker:
                model.set_site(site, worker.submit(model.prepare, site).result())
        else:
            model.set_site(site)
        want = Arranger(site).arrange(model.query, ())
        assert shown_rows() == [
            (f.key, [str(p.path) for p in f.posts]) for section in want for f in section.families
        ], step


def test_families_arranged_on_a_worker_are_shown_as_arranged_there(qtbot) -> None:
    """prepare() sorts a new version off the UI thread; set_site then only swaps rows in,
    and a sort changed in between is still honoured."""
    from pathlib import Path

    from editor.core.workspace import PostEntry
    from editor.core.workspace.families import group_families, regroup_families
    from editor.core.workspace.family_view import FamilyQuery, SortKey
    from editor.ui.posts_model import FamilyModel

    def entry(n: int, lang: str, title: str) -> PostEntry:
        rel = f"blog/{lang}/p{n:03}.md"
        return PostEntry(Path("/site", rel), rel, f"p{n:03}", lang, title, None, 0, 0,
                         lang_source="folder")  # fmt: skip

    entries = [entry(n, lang, f"T{(n * 37) % 100:02}") for n in range(100) for lang in ("ko", "en")]
    before = group_families(entries, ["ko", "en"])
    model = FamilyModel()
    model.set_site(before)
    after = regroup_families(
        before, [entry(5, "ko", "A first"), entry(200, "ko", "Z last")], [], ["ko", "en"]
    )
    assert after is not None

    def shown() -> list[str]:
        return [f.key for f in model.shown_families()]

    prepared = model.prepare(after)
    arranged = prepared.arranger.arrange(model.query, ())
    model.set_site(after, prepared)
    assert shown() == [f.key for s in arranged for f in s.families]
    assert shown()[0] == "blog/p005" and shown()[-1] == "blog/p200"

    fresh = FamilyModel()
    fresh.set_site(after)
    assert shown() == [f.key for f in fresh.shown_families()]

    # Prepared for one sort, shown after the writer chose another: arranged again.
    later = regroup_families(after, [entry(7, "ko", "B")], [], ["ko", "en"])
    assert later is not None
    prepared = model.prepare(later)
    model.set_query(FamilyQuery(sort=SortKey.SLUG))
    model.set_site(later, prepared)
    assert shown() == sorted(shown())


def test_with_several_collections_each_row_has_room_for_its_two_lines(
    qtbot, window, sample_site
) -> None:
    """Rows are as tall as the first one: a one-line section first squeezed every family."""
    import shutil

    shutil.copytree(sample_site / BLOG, sample_site / "src/content/notes")
    config = sample_site / "src/content.config.ts"
    text = config.read_text(encoding="utf-8").replace(
        "export const collections = {",
        "const notes = defineCollection({\n"
        "  loader: glob({ base: './src/content/notes', pattern: '**/*.md' }),\n"
        "  schema: z.object({ title: z.string() }),\n"
        "});\n\n"
        "export const collections = { notes,",
    )
    config.write_text(text, encoding="utf-8")
    open_site(qtbot, window, sample_site, sample_site / KO_POST)
    tree = window.tree
    model = tree.model()
    assert [model.section_index(s).data() for s in model.section_rows()] == ["blog", "notes"]
    family = row_of(model, "astro-build-pipeline")
    two_lines = 2 * tree.fontMetrics().height()
    assert tree.visualRect(family).height() >= two_lines
    assert tree.visualRect(model.section_index(0)).height() >= two_lines
