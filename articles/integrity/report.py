"""The integrity scan over the whole site, with findings kept until reviewed (check_integrity).

A finding is identified by what and where it is; one an admin marked as reviewed stays
quiet, and the scan is green again until something new appears. New findings go to the
site admins by email (ADMINS, Django's ``mail_admins``).
"""

import hashlib

from django.core.mail import mail_admins
from django.utils import timezone
from django.utils.translation import gettext as _

from .file_manifest import changed_files
from .scanner import scan_article


def _fingerprint(kind, article_id, location, text):
    return hashlib.sha256(f"{kind}\0{article_id}\0{location}\0{text}".encode()).hexdigest()


def current_findings():
    """[(kind, article or None, location, text)] as the site stands now."""
    from ..models import Article

    found = []
    articles = (
        Article.objects.select_related("category")
        .select_related("cover")
        .prefetch_related("figures__image", "tags")
    )
    for article in articles.order_by("pk").iterator(chunk_size=200):
        found += [(f.kind, article, f.field, f.text) for f in scan_article(article)]
    for path, change in changed_files() or []:
        found.append(("file", None, path, change))
    return found


def record_scan():
    """Scan, keep the findings, and return (open findings, new ones)."""
    from ..models import IntegrityFinding

    now, seen, new = timezone.now(), set(), []
    for kind, article, location, text in current_findings():
        key = _fingerprint(kind, article.pk if article else "", location, text)
        seen.add(key)
        finding, created = IntegrityFinding.objects.update_or_create(
            fingerprint=key,
            defaults={"last_seen": now, "gone_at": None},
            create_defaults={
                "kind": kind,
                "article": article,
                "location": location[:300],
                "text": text[:500],
                "last_seen": now,
            },
        )
        if created:
            new.append(finding)
    IntegrityFinding.objects.filter(gone_at=None).exclude(fingerprint__in=seen).update(gone_at=now)
    open_findings = IntegrityFinding.objects.filter(gone_at=None, reviewed_at=None).select_related("article")
    return list(open_findings), new


def mail_new_findings(new):
    if new:
        lines = [f"#{f.article_id or '-'} {f}" for f in new]
        mail_admins(_("Integrity check: %(count)s new finding(s)") % {"count": len(new)}, "\n".join(lines))
