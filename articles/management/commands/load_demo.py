from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from ...demo import content, readers


class Command(BaseCommand):
    help = "Load demo categories and articles (does nothing if articles exist), then simulate readers."

    def add_arguments(self, parser):
        parser.add_argument(
            "--readers", dest="visits", type=int, default=1500, help="page views to simulate (0: none)"
        )

    def handle(self, *args, visits, **options):
        users = get_user_model().objects
        created = content.load(
            author=users.filter(username="chief").first(), writer=users.filter(username="writer").first()
        )
        if not created:
            self.stdout.write("Demo content already loaded.")
            return
        self.stdout.write(f"Demo content: {created} articles created.")
        if visits:
            counted = readers.simulate(visits)
            self.stdout.write(
                f"Simulated {visits} reader visits through the real view counter ({counted} counted), "
                "so the most-viewed lists have something to show."
            )
