from django.core.management.base import BaseCommand, CommandError

from ...integrity.backup import restore


class Command(BaseCommand):
    help = "Replace the database with a backup's and put its media files back (stop the site first)."

    def add_arguments(self, parser):
        parser.add_argument("source", help="A folder written by `manage.py backup`.")
        parser.add_argument("--yes", action="store_true", help="Do not ask before replacing the database.")

    def handle(self, *args, source, yes, **options):
        if not yes and input("This replaces the whole database. Type yes to go on: ").strip() != "yes":
            raise CommandError("Nothing restored.")
        try:
            manifest = restore(source)
        except (OSError, ValueError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored the database and {len(manifest['media'])} media files from {source}")
