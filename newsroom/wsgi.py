import os

from django.core.wsgi import get_wsgi_application

from newsroom.long_lived import freeze_now_and_after_warm_up

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
application = get_wsgi_application()
freeze_now_and_after_warm_up()
