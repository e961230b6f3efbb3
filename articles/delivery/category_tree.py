"""The category tree as readers' pages see it: one copy per process, read again after any
category changes.

Every reader page needs some of the tree (menus, breadcrumbs, a category and its
subcategories, which categories make up a section), and it changes far less often than
articles do. A category's save or deletion replaces the menu version and then the content
version (signals.py), and each process knows the content version without asking the
shared cache (version_watch.py), so every process and node reads the tree afresh on
its next page and no render asks the cache whether the tree is current.
"""

from ..models import Category
from .version import menu_version_seen


class CategoryTree:
    def __init__(self, categories):
        """``categories``: all of them, in Category's own order (sort order, then name)."""
        self.by_id = {category.pk: category for category in categories}
        self.by_slug = {category.slug: category for category in categories}
        self.children = {}
        for category in categories:
            # Breadcrumbs walk .parent: each node's parent is the tree's own node, no query.
            Category.parent.field.set_cached_value(category, self.by_id.get(category.parent_id))
            self.children.setdefault(category.parent_id, []).append(category)
        self.child_ids = {pk: [child.pk for child in kids] for pk, kids in self.children.items()}
        self.rendered_menus = {}  # {language: the menu's HTML} (delivery/reader_templates.py)

    def children_of(self, category):
        return self.children.get(category.pk, [])

    def sections(self):
        """The visible top-level categories: the home page's sections and the menu."""
        return [category for category in self.children.get(None, []) if category.is_visible]

    def descendant_ids(self, category):
        return category.descendant_ids(self.child_ids)


_copy = (None, None)  # (menu version, CategoryTree)


def category_tree():
    """This process's copy of the tree, as of the current menu version. Read-only: its
    Category objects are shared by every request the process serves."""
    global _copy
    version = menu_version_seen()
    seen, tree = _copy
    if seen != version:
        tree = CategoryTree(list(Category.objects.all()))
        _copy = (version, tree)
    return tree
