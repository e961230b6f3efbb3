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
    """Pages of a ``listing`` (models/listing_pages.py: count(limit) and rows(bottom, top))."""

    def __init__(self, listing, per_page):
        super().__init__(listing, per_page, allow_empty_first_page=True)
        self.counted = COUNTED_PAGES * per_page

    @cached_property
    def count(self):
        return self.object_list.count(self.counted + 1)

    @property
    def count_is_exact(self):
        return self.count <= self.counted

    def page(self, number):
        # Count as far as one past the page asked for; validate_number judges the number.
        with suppress(TypeError, ValueError):
            self.counted = max(self.counted, min(int(number), 10**9) * self.per_page)  # SQL's LIMIT is 64-bit
        number = self.validate_number(number)
        top = number * self.per_page
        return self._get_page(self.rows(top - self.per_page, top), number, self)

    def rows(self, bottom, top):
        return self.object_list.rows(bottom, top)


class CategoryPaginator(CappedPaginator):
    """A category tree's listing (listing_pages.CategoryListing), each page read through
    each category's newest while that reads fewer rows than the tree has (deep pages of a
    wide tree sort the tree instead)."""

    def rows(self, bottom, top):
        if top * len(self.object_list.category_ids) < self.count or not self.count_is_exact:
            return self.object_list.newest_rows(bottom, top)
        return self.object_list.rows(bottom, top)
