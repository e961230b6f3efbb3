from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from ...demo import content


class Command(BaseCommand):
    help = "Load demo categories and articles (does nothing if articles exist)."

    def handle(self, *args, **options):
        users = get_user_model().objects
        created = content.load(
            author=users.filter(username="chief").first(), writer=users.filter(username="writer").first()
        )
        self.stdout.write(
            f"Demo content: {created} articles created." if created else "Demo content already loaded."
        )
