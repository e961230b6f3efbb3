"""Readers' listings paged without reading the whole archive behind them.

Django's Paginator counts every row to say "page 3 of 5,000": at a hundred thousand
articles that count was the slowest query of a category page. These count as far as
COUNTED_PAGES (or just past the page asked for) and say "page 3" beyond that, with
the next page linked as long as there is one.
"""

from contextlib import suppress

from django.core.paginator import Paginator
from django.utils.functional import cached_property

COUNTED_PAGES = 50


class CappedPaginator(Paginator):
    def __init__(self, object_list, per_page):
        super().__init__(object_list, per_page, allow_empty_first_page=True)
        self.counted = COUNTED_PAGES * per_page

    @cached_property
    def count(self):
        return self.counted_rows()[: self.counted + 1].count()

    @property
    def count_is_exact(self):
        return self.count <= self.counted

    def counted_rows(self):
        return self.object_list

    def page(self, number):
        # Count as far as one past the page asked for; validate_number judges the number.
        with suppress(TypeError, ValueError):
            self.counted = max(self.counted, min(int(number), 10**9) * self.per_page)  # SQL's LIMIT is 64-bit
        number = self.validate_number(number)
        top = number * self.per_page
        return self._get_page(self.rows(top - self.per_page, top), number, self)

    def rows(self, bottom, top):
        return self.object_list[bottom:top]


class CategoryPaginator(CappedPaginator):
    """A category tree's ``articles`` (not yet narrowed to it), each page read through
    newest_in_categories while that reads fewer rows than the tree has (deep pages of a
    wide tree sort the tree instead). Narrowing the outer query too would lead the
    database back to the tree's every article."""

    def __init__(self, articles, category_ids, per_page):
        super().__init__(articles, per_page)
        self.category_ids = category_ids

    def counted_rows(self):
        return self.object_list.in_categories(self.category_ids)

    def rows(self, bottom, top):
        if top * len(self.category_ids) < self.count or not self.count_is_exact:
            return self.object_list.newest_in_categories(self.category_ids, top)[bottom:top]
        return self.counted_rows()[bottom:top]
