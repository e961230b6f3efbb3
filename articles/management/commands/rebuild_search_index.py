from django.conf import settings
from django.core.management.base import BaseCommand
from tqdm import tqdm

from ...models import Article
from ...search import rebuild_index, tantivy_engine


class Command(BaseCommand):
    help = "Rebuild the full-text search index of every article (drafts included: staff search them)."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=1000)
        parser.add_argument("--no-progress", action="store_true", help="No progress bar (for logs).")

    def handle(self, *args, batch_size, no_progress, **options):
        articles = Article.objects.only("pk", "title", "summary", "body").order_by("pk")
        total = articles.count()
        with tqdm(total=total, unit="article", disable=no_progress, file=self.stderr._out) as bar:
            rebuild_index(articles, batch_size=batch_size, progress=bar.update)
        self.stdout.write(f"Indexed {total} articles.")
        if tantivy_engine.enabled():
            with tqdm(total=total, unit="article", disable=no_progress, file=self.stderr._out) as bar:
                tantivy_engine.rebuild(
                    Article.objects.order_by("pk"), batch_size=batch_size, progress=bar.update
                )
            self.stdout.write(f"Indexed {total} articles in Tantivy ({settings.NEWSROOM_TANTIVY_INDEX_DIR}).")
