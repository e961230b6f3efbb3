from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from ..integrity.renditions import save_with_renditions
from ..integrity.text import drop_unsafe_characters
from ..integrity.uploads import NewsImageField


class ImageQuerySet(models.QuerySet):
    def matching(self, query):
        """Images whose title, alt text, caption, credit or tags contain ``query`` (Chinese
        included: the same bigram tokens as article search, images/search.py)."""
        from ..images.search import query_tokens

        images = self
        for token in query_tokens(query):
            images = images.filter(search_text__contains=token)
        return images


class TaggedImage(TaggedItemBase):
    content_object = models.ForeignKey("articles.Image", on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("image tag")
        verbose_name_plural = _("image tags")


class Image(models.Model):
    """A picture in the library: uploaded once, placed in any number of articles."""

    file = NewsImageField(
        _("file"),
        upload_to="images/%Y/%m/",
        width_field="width",
        height_field="height",
    )
    width = models.PositiveIntegerField(editable=False, null=True)
    height = models.PositiveIntegerField(editable=False, null=True)
    file_size = models.PositiveBigIntegerField(editable=False, null=True)
    renditions = models.JSONField(default=list, editable=False)
    title = models.CharField(_("title"), max_length=200)
    alt_text = models.CharField(
        _("alt text"),
        max_length=250,
        blank=True,
        help_text=_(
            "What the image shows, for readers who cannot see it. "
            "Required before an article using the image is published, unless it is decorative."
        ),
    )
    decorative = models.BooleanField(
        _("decorative"),
        default=False,
        help_text=_("Adds nothing a reader needs (an ornament): screen readers skip it, no alt text needed."),
    )
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    credit = models.CharField(_("credit"), max_length=100, blank=True)
    tags = TaggableManager(_("tags"), through=TaggedImage, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    # Title, alt text, caption, credit and tags as search tokens (images/search.py).
    search_text = models.TextField(editable=False, blank=True, default="")

    objects = ImageQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        from ..images.search import search_text

        drop_unsafe_characters(self)
        self.search_text = search_text(self)

        def store(*args, **kwargs):
            # The stored copy's size, for feed enclosures (asked of storage once, not per feed item).
            self.file_size = self.file.size if self.file else None
            super(Image, self).save(*args, **kwargs)

        save_with_renditions(self, store, "file", "renditions", *args, **kwargs)

    @property
    def thumbnail_url(self):
        """The smallest rendition (the library's lists show many at once)."""
        smallest = self.renditions[0]["fallback"] if self.renditions else self.file.name
        return self.file.storage.url(smallest)

    @property
    def shown_alt_text(self):
        """What ``alt`` says on public pages: nothing for a decorative image."""
        return "" if self.decorative else self.alt_text

    @property
    def lacks_alt_text(self):
        return not self.decorative and not self.alt_text.strip()


class Figure(models.Model):
    """Image N of an article's body (图N), in the order the body places them. Kept in step
    with the body on every save: it is what refuses deleting an image still in use."""

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="figures",
    )
    image = models.ForeignKey(
        Image,
        verbose_name=_("image"),
        on_delete=models.PROTECT,
        related_name="figures",
    )
    number = models.PositiveIntegerField(_("number"))

    class Meta:
        ordering = ["number"]
        verbose_name = _("figure")
        verbose_name_plural = _("figures")
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="figure_number_unique"),
        ]

    def __str__(self):
        return _("Figure %(number)s of “%(article)s”") % {"number": self.number, "article": self.article}
