import pytest

from tests.browser import browser_page  # noqa: F401  (a fixture for the browser tests)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # PBKDF2 is slow by design; tests create dozens of users and need none of its strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def editor_client(client, django_user_model):
    """A client logged in as a member of the Editors group."""
    from tests.factories import make_editor

    client.force_login(make_editor())
    return client


@pytest.fixture(autouse=True)
def _test_storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # whitenoise warns at every start without it; the static test collects into its own folder.
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATIC_ROOT.mkdir()
    # Unhashed static names, so the live server's static handler finds them without collectstatic.
    settings.STORAGES = settings.STORAGES | {
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    }


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import caches

    for alias in ("default", "pages"):
        caches[alias].clear()
    yield
    for alias in ("default", "pages"):
        caches[alias].clear()


@pytest.fixture(autouse=True)
def _views_written_at_once(settings):
    """Tests read counts straight after a view; the buffered mode has tests of its own.

    They also play many readers from one address: the per-address cap has its own tests.
    """
    settings.NEWSROOM_VIEW_FLUSH_SECONDS = 0
    settings.NEWSROOM_VIEWS_PER_ADDRESS = 0


@pytest.fixture(autouse=True)
def _empty_view_buffer():
    from articles.delivery.view_buffer import buffer

    yield
    with buffer.lock:
        if buffer.timer is not None:
            buffer.timer.cancel()
            buffer.timer = None
        buffer.pending.clear()
        buffer.known.clear()


def pytest_configure(config):
    from django.conf import settings

    # The live server (browser tests) starts whitenoise before any per-test setting applies.
    settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)


@pytest.fixture(autouse=True)
def _default_language():
    """A request for an /en/ page leaves English active in the test's thread: start each test in the default."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True, scope="session")
def _jinja2_renders_are_recorded():
    """The test client's response.context and .templates for readers' Jinja2 pages, as
    Django's test setup records them for its own templates (instrumented_test_render)."""
    from django.template.backends import jinja2
    from django.test.signals import template_rendered

    render = jinja2.Template.render

    def recorded_render(self, context=None, request=None):
        context = {} if context is None else context
        html = render(self, context, request)
        self.name = self.origin.template_name
        template_rendered.send(sender=self, template=self, context=context)
        return html

    jinja2.Template.render = recorded_render
    yield
    jinja2.Template.render = render
