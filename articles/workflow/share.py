"""Previews: the unsaved admin form as readers would see it, and signed share links for reviewers
without an account.

A share link carries the article's id, signed with a timestamp: it works for
NEWSROOM_SHARE_LINK_DAYS, read-only, and dies as soon as the article is published
(then the public page is the place to read it). Neither is ever cached or counted.
"""

from django.conf import settings
from django.core import signing
from django.core.files.storage import default_storage
from django.db import transaction
from django.shortcuts import render
from django.urls import reverse

from ..integrity.renditions import delete_unused
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


def render_unsaved(request, form, model_admin, article):
    """Save the form and its figures in a transaction, render the public page, then roll it all back.

    Figures uploaded only for the preview are written to storage by then; they are
    removed again afterwards, so a preview leaves nothing behind.
    """
    stored = {}  # image name -> renditions, of files the preview may have written
    try:
        with transaction.atomic():
            obj = form.save(commit=False)
            if obj.pk:
                obj.version = type(obj).objects.filter(pk=obj.pk).values_list("version", flat=True).get()
            else:
                obj.author = obj.author or request.user
            obj.save()
            stored[obj.cover_image.name] = obj.cover_renditions
            form.save_m2m()
            formsets, _ = model_admin._create_formsets(request, obj, change=article is not None)
            for formset in formsets:
                if formset.is_valid():
                    for figure in formset.save():
                        stored[figure.image.name] = figure.renditions
            raise _RollBack(render(request, PREVIEW_TEMPLATE, preview_context(obj)))
    except _RollBack as rolled_back:
        response = rolled_back.response
    delete_unused(default_storage, stored)  # after the rollback: only what the preview alone wrote
    response["Cache-Control"] = "private, no-store"
    noindex(response)
    return response
