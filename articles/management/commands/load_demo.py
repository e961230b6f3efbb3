from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from ...demo import content


class Command(BaseCommand):
    help = "Load demo categories and articles (does nothing if articles exist)."

    def handle(self, *args, **options):
        author = get_user_model().objects.filter(username="editor").first()
        created = content.load(author=author)
        self.stdout.write(
            f"Demo content: {created} articles created." if created else "Demo content already loaded."
        )
