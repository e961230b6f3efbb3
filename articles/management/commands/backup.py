from django.core.management.base import BaseCommand

from ...integrity.backup import backup


class Command(BaseCommand):
    help = "Back up the database and every media file into a new folder (see articles/integrity/backup.py)."

    def add_arguments(self, parser):
        parser.add_argument("destination", help="A folder that does not exist yet.")

    def handle(self, *args, destination, **options):
        manifest = backup(destination)
        self.stdout.write(
            f"Backed up the {manifest['vendor']} database and {len(manifest['media'])} media files to {destination}"
        )
