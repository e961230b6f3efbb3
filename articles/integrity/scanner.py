"""Everything the integrity scan looks at in one article, and what it finds there.

Every public text is scanned (title, summary, meta description, source, slug, tags,
category names, figure alt texts, captions and credits, the body) for injected brands
(spam.py) and the repeated-insertion signature (signature.py); links in the body are
checked against NEWSROOM_LINK_ALLOWLIST; the stored body must be what the sanitiser
makes of it (a direct database write skips the sanitiser); a live article must still
read as its last approved revision (drift.py).
"""

import re
from urllib.parse import unquote, urlsplit

from django.conf import settings

from ..seo.site_url import domain
from .drift import drifted_fields
from .sanitize import clean_body_html
from .signature import repeated_insertion
from .spam import Finding, find_injected_text

HREF = re.compile(r"""href\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


def public_texts(article, tag_names=None, categories=None, images=None):
    """{where: text} of everything readers (and search engines) see of the article.

    An import passes the tags, category chain and placed images it already holds
    (``images``: {id: Image}), so scanning a row it is about to insert asks the database nothing.
    """
    from ..images.figures import placed_images
    from ..models.articles import plain_text

    texts = {
        "title": article.title,
        "summary": article.summary,
        "meta description": article.meta_description,
        "source": article.source,
        "slug": unquote(article.slug),
        "body": plain_text(article.body),
    }
    texts |= {f"tag “{name}”": name for name in (article.tags.names() if tag_names is None else tag_names)}
    for category in article.category.ancestors_and_self() if categories is None else categories:
        texts[f"category “{category.slug}”"] = category.name
    images = article.placed_images() if images is None else images
    for number, (image_id, alt, _caption) in enumerate(placed_images(article.body), start=1):
        image = images.get(image_id)
        texts[f"figure {number} alt text"] = alt
        if image is not None:
            texts |= _image_texts(f"figure {number}", image)
    if article.cover is not None:
        texts |= _image_texts("cover image", article.cover)
    return texts


def _image_texts(where, image):
    return {
        f"{where} library alt text": image.alt_text,
        f"{where} caption": image.caption,
        f"{where} credit": image.credit,
        f"{where} title": image.title,
    }


def _allowed(host):
    allowed = [domain().split(":")[0], *settings.NEWSROOM_LINK_ALLOWLIST]
    return any(host == name or host.endswith("." + name) for name in allowed if name)


def unlisted_links(body_html):
    hosts = []
    for href in HREF.findall(body_html or ""):
        try:
            host = (urlsplit(href.strip()).hostname or "").lower()
        except ValueError:  # not a URL any browser would follow (http://[x …): say so anyway
            host = href.strip()[:100]
        if host and not _allowed(host):
            hosts.append(host)
    return list(dict.fromkeys(hosts))


def injected_text(title, texts):
    """Brands (spam.py) and the repeated-insertion signature (signature.py) in ``texts``."""
    findings = find_injected_text(texts)
    alts = [text for where, text in texts.items() if where.endswith("alt text")]
    phrase = repeated_insertion(title, alts, texts["body"])
    if phrase and not any(phrase in f.text or f.text in phrase for f in findings):
        findings.append(Finding("title, alt texts, body", phrase, "signature"))
    return findings


def scan_article(article):
    findings = injected_text(article.title, public_texts(article))
    findings += [Finding("body link", host, "link") for host in unlisted_links(article.body)]
    if clean_body_html(article.body) != article.body:
        findings.append(Finding("body", "stored body differs from its sanitised form", "unsanitised"))
    drifted = drifted_fields(article)
    if drifted:
        findings.append(Finding(", ".join(drifted), "changed outside the review chain", "drift"))
    return findings
