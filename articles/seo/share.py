"""分享到微信: a QR code of an article's address, drawn on the server (segno), no third-party script.

WeChat has no share button a web page can use; readers scan the code with WeChat's
scanner on another phone, or long-press it in WeChat's own browser. The image is a
small PNG, cached by browsers and proxies for a day (the address never changes).
"""

import io

import segno
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from ..models import Article
from .site_url import absolute


def qr_png(url):
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=5, border=2)
    return buffer.getvalue()


@require_safe
@cache_control(public=True, max_age=86400)
def article_qr(request, pk):
    article = get_object_or_404(Article.objects.published().only("pk", "slug"), pk=pk)
    return HttpResponse(qr_png(absolute(article.get_absolute_url())), content_type="image/png")
