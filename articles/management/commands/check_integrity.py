from django.core.management.base import BaseCommand, CommandError

from ...integrity.spam import article_findings
from ...models import Article


class Command(BaseCommand):
    help = "List articles that carry injected spam (betting brands); exits 1 when any does."

    def handle(self, *args, **options):
        suspicious = 0
        for article in Article.objects.prefetch_related("images").order_by("pk").iterator(chunk_size=500):
            findings = article_findings(article)
            if findings:
                suspicious += 1
                self.stdout.write(f"#{article.pk} {article.title}")
                for finding in findings:
                    self.stdout.write(f"    {finding}")
        if suspicious:
            raise CommandError(f"{suspicious} article(s) look tampered with.")
        self.stdout.write("No injected text found.")
