import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from ...importing import sources
from ...importing.run import Importer


class Command(BaseCommand):
    help = (
        "Import a site's archive: a WordPress export (.xml, Tools → Export) or a CSV/JSON export of "
        "a DedeCMS, PbootCMS or EmpireCMS article table. Running it again updates what changed and "
        "creates nothing twice (see articles/importing/)."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="The export file: .xml (WordPress), .csv or .json.")
        parser.add_argument(
            "--media",
            help="The export's uploads folder (wp-content/uploads, uploads/allimg …): images are found there.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Check and report; write nothing.")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar (logs, cron).")

    def handle(self, *args, source, media=None, dry_run=False, no_progress=False, **options):
        try:
            items = sources.read(source)
            importer = Importer(media=media, dry_run=dry_run)
            with tqdm(unit=" articles", file=sys.stderr, disable=no_progress, dynamic_ncols=True) as progress:
                report = importer.run(items, progress)
        except (OSError, ValueError) as error:  # unreadable file, not an export (ParseError is a SyntaxError)
            raise CommandError(str(error)) from error
        except SyntaxError as error:
            raise CommandError(f"Not well-formed XML: {error}") from error
        for line in report.lines(dry_run=dry_run):
            self.stdout.write(line)
