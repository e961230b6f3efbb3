"""With the file cache, a process keeps the content version while its file is unchanged:
a stat instead of reading and unpickling it, and any other process's purge or new
version still shows at once."""

import pytest
from django.conf import settings
from django.core.cache import cache

from articles.delivery.version import content_version
from tests.newsroom.fresh_process import python_with

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(bool(settings.REDIS_URL), reason="the file cache's check (the SQLite leg)"),
]


def test_an_unchanged_version_file_is_not_read_again(monkeypatch):
    version = content_version()
    content_version()  # kept with the file's identity
    reads = []
    monkeypatch.setattr(cache, "get", lambda *args, **kwargs: reads.append(args))
    assert [content_version() for _ in range(50)] == [version] * 50
    assert reads == []


@pytest.mark.parametrize("change", ["purge", "replace"])
def test_another_process_changing_the_version_shows_here_at_once(change):
    version = content_version()
    content_version()
    code = {
        "purge": "from articles.delivery.version import purge; purge()",
        "replace": "from django.core.cache import cache; "
        "cache.set('newsroom:content-version', {'version': 'other', 'changes_at': None, 'menu': 'm'}, None)",
    }[change]
    other = python_with(
        "import django; django.setup()\n" + code,
        CACHE_DIR=settings.CACHES["default"]["LOCATION"],
        VAR_DIR=str(settings.VAR_DIR),
    )
    assert other.returncode == 0, other.stderr[-2000:]
    assert content_version() != version
    if change == "replace":
        assert content_version() == "other"
