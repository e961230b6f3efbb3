"""Previews: the unsaved admin form as readers would see it, and signed share links for reviewers
without an account.

A share link carries the article's id, signed with a timestamp: it works for
NEWSROOM_SHARE_LINK_DAYS, read-only, and dies as soon as the article is published
(then the public page is the place to read it). Neither is ever cached or counted.
"""

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.shortcuts import render
from django.urls import reverse

from ..seo.robots import noindex
from .states import Status

SALT = "articles.share-link"
PREVIEW_TEMPLATE = "articles/article_detail.html"


def days():
    return settings.NEWSROOM_SHARE_LINK_DAYS


def share_url(article):
    return reverse("articles:shared-preview", kwargs={"token": signing.dumps(article.pk, salt=SALT)})


def article_for_token(token):
    """The unpublished article a share link names, or None if the link is forged, expired or spent."""
    from ..models import Article

    try:
        pk = signing.loads(token, salt=SALT, max_age=days() * 24 * 3600)
    except signing.BadSignature:
        return None
    article = Article.objects.select_related("category", "author").filter(pk=pk).first()
    if article is None or article.status == Status.PUBLISHED:
        return None
    return article


def preview_context(article):
    return {"article": article, "view_count": "—", "via_beacon": False, "is_preview": True}


class _RollBack(Exception):
    def __init__(self, response):
        self.response = response


def render_unsaved(request, form, article):
    """Save the form in a transaction, render the public page, then roll it all back.

    Images come from the library (uploaded there, not through this form), so a preview
    writes no file.
    """
    try:
        with transaction.atomic():
            obj = form.save(commit=False)
            if obj.pk:
                obj.version = type(obj).objects.filter(pk=obj.pk).values_list("version", flat=True).get()
            else:
                obj.author = obj.author or request.user
            obj.save()
            form.save_m2m()
            raise _RollBack(render(request, PREVIEW_TEMPLATE, preview_context(obj)))
    except _RollBack as rolled_back:
        response = rolled_back.response
    response["Cache-Control"] = "private, no-store"
    noindex(response)
    return response
