from django.core.management.base import BaseCommand, CommandError

from ...integrity.file_manifest import manifest_path
from ...integrity.report import mail_new_findings, record_scan


class Command(BaseCommand):
    help = (
        "Scan every article and the deployed files for injected spam, drift and tampering; "
        "mail new findings to ADMINS; exit 1 while any finding is open (not reviewed)."
    )

    def handle(self, *args, **options):
        if not manifest_path().exists():
            self.stdout.write("No file manifest yet (it is written by collectstatic): files not checked.")
        open_findings, new = record_scan()
        mail_new_findings(new)
        for finding in open_findings:
            article = f"#{finding.article_id} {finding.article.title}" if finding.article_id else "site"
            self.stdout.write(
                f"{article} · {finding.get_kind_display()} · {finding.location}: {finding.text}"
            )
        if open_findings:
            articles = len({f.article_id for f in open_findings if f.article_id})
            raise CommandError(f"{len(open_findings)} open finding(s), in {articles} article(s).")
        self.stdout.write("No open findings.")
