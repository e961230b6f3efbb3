"""The file cache on one machine: bounded like Django's, without listing its folder on every write."""

from pathlib import Path

from newsroom.cache import SparselyCulledFileCache


def make(folder, max_entries):
    return SparselyCulledFileCache(
        str(folder), {"OPTIONS": {"MAX_ENTRIES": max_entries, "CULL_FREQUENCY": 2}}
    )


def test_the_folder_stays_bounded(tmp_path):
    cache = make(tmp_path, 20)
    for n in range(1000):
        cache.set(f"page-{n}", b"x" * 100)
    assert len(list(Path(tmp_path).glob("*.djcache"))) <= 20 + SparselyCulledFileCache.CULL_EVERY


def test_most_writes_do_not_list_the_folder(tmp_path, monkeypatch):
    cache = make(tmp_path, 5000)
    listings = []
    real = cache._list_cache_files
    monkeypatch.setattr(cache, "_list_cache_files", lambda: listings.append(1) or real())
    for n in range(300):
        cache.set(f"page-{n}", b"x")
    assert len(listings) == 3  # writes 1, 101 and 201
    assert cache.get("page-299") == b"x"
