import os

from django.core.wsgi import get_wsgi_application

from newsroom.long_lived import freeze_now_and_after_warm_up

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
django_application = get_wsgi_application()  # sets Django up: the fast path imports models

from articles.delivery.fast_path import FastPathApplication  # noqa: E402

application = FastPathApplication(django_application)
freeze_now_and_after_warm_up()
