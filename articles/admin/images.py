"""The image library in the admin: list and edit, upload several at once, and the chooser.

The chooser is one page for both ways an editor picks an image: the body editor's
figure button (django-prose-editor's file-picker protocol, ``CKEditorFuncNum``) and
the cover field's lookup (Django's raw-id popup, ``_popup``). It searches, filters by
tag and month, and uploads in place.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import ForeignKeyRawIdWidget
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from taggit.models import Tag

from ..integrity import prepared_uploads
from ..integrity.text import xml_safe
from ..integrity.uploads import validate_image_upload
from ..models import Image
from .filters import SafeChangeList

CHOOSER_PAGE_SIZE = 24
MAX_FILES_PER_UPLOAD = 50
# The parameters that say which opener a chooser page answers: kept through its searches.
PICKER_PARAMETERS = ["CKEditorFuncNum", "_popup", "_to_field"]


class MultipleImageInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """Several files in one input; each is checked on its own (``upload_images``)."""

    widget = MultipleImageInput

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget", MultipleImageInput(attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"})
        )
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if not files:
            raise ValidationError(_("Choose one or more images to upload."), code="required")
        if len(files) > MAX_FILES_PER_UPLOAD:
            raise ValidationError(
                _("At most %(limit)s images at a time.") % {"limit": MAX_FILES_PER_UPLOAD}, code="too_many"
            )
        return list(files)


class ImageUploadForm(forms.Form):
    files = MultipleImageField(label=gettext_lazy("Images"))
    credit = forms.CharField(label=gettext_lazy("Credit"), max_length=100, required=False)
    tags = forms.CharField(
        label=gettext_lazy("Tags"),
        required=False,
        help_text=gettext_lazy("Comma-separated, given to every image of this upload."),
    )


def _title_from(filename):
    stem = filename.rsplit("/", 1)[-1].rsplit(".", 1)[0].replace("_", " ").strip()
    return stem[:200] or _("Untitled image")


def upload_images(form, user):
    """Store each good file as a library image; returns (images, [(file name, ValidationError)]).

    Each image is saved on its own: a bad file is reported and skipped, and the good ones
    of the same upload are kept. Decoding and resizing happen before the row's INSERT,
    outside any transaction, so they never hold SQLite's write lock.
    """
    from taggit.utils import parse_tags

    from ..integrity.tags import validate_tag_names

    created, errors = [], []
    try:
        tags = validate_tag_names(parse_tags(form.cleaned_data["tags"]))
    except ValidationError as error:
        return [], [(_("Tags"), error)]
    for upload in form.cleaned_data["files"]:
        try:
            validate_image_upload(upload)
            image = Image(
                file=upload,
                title=_title_from(upload.name),
                credit=form.cleaned_data["credit"],
                uploaded_by=user,
            )
            image.save()  # re-encoded under a random name, with its renditions (integrity/renditions.py)
            if tags:
                image.tags.set(tags)
            created.append(image)
        except ValidationError as error:
            errors.append((upload.name, error))
    return created, errors


class AltTextFilter(admin.SimpleListFilter):
    title = gettext_lazy("alt text")
    parameter_name = "alt"

    def lookups(self, request, model_admin):
        return [("missing", _("Missing")), ("given", _("Given")), ("decorative", _("Decorative"))]

    def queryset(self, request, queryset):
        if self.value() == "missing":
            return queryset.filter(alt_text="", decorative=False)
        if self.value() == "given":
            return queryset.exclude(alt_text="")
        if self.value() == "decorative":
            return queryset.filter(decorative=True)
        return queryset


def thumbnail(image, height=80):
    if not image or not image.file:
        return "—"
    return format_html(
        '<img src="{}" alt="" loading="lazy" style="max-height:{}px;max-width:{}px">',
        image.thumbnail_url,
        height,
        height * 2,
    )


class ImageChooserWidget(ForeignKeyRawIdWidget):
    """The cover field: the image's id, its thumbnail and title, and a lookup that opens the chooser."""

    template_name = "admin/widgets/image_chooser.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if context["related_url"]:
            context["related_url"] = reverse("admin:articles_image_choose") + "?_to_field=id"
        image = Image.objects.filter(pk=value).first() if str(value or "").isdigit() else None
        context["thumbnail"] = thumbnail(image) if image else ""
        context["link_title"] = _("Choose an image")
        return context


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    list_display = ["preview", "title", "alt_text_state", "uses", "uploaded_by", "uploaded_at"]
    list_display_links = ["preview", "title"]
    list_filter = [AltTextFilter, "tags", "uploaded_at"]
    search_fields = ["title"]  # answered by Image.objects.matching, see get_search_results
    search_help_text = gettext_lazy("Searches titles, alt texts, captions, credits and tags.")
    date_hierarchy = "uploaded_at"
    list_select_related = ["uploaded_by"]
    fields = ["preview", "file", "title", "alt_text", "decorative", "caption", "credit", "tags", "used_in"]
    readonly_fields = ["preview", "used_in"]

    def get_changelist(self, request, **kwargs):
        return SafeChangeList

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(use_count=Count("figures", distinct=True) + Count("covers", distinct=True))
        )

    def get_search_results(self, request, queryset, search_term):
        return queryset.matching(search_term), False

    @admin.display(description=gettext_lazy("preview"))
    def preview(self, obj):
        return thumbnail(obj)

    @admin.display(description=gettext_lazy("alt text"), ordering="alt_text")
    def alt_text_state(self, obj):
        if obj.decorative:
            return _("decorative")
        return obj.alt_text or format_html('<strong class="errornote-inline">{}</strong>', _("missing"))

    @admin.display(description=gettext_lazy("used in"), ordering="use_count")
    def uses(self, obj):
        return obj.use_count

    @admin.display(description=gettext_lazy("used in"))
    def used_in(self, obj):
        articles = articles_using(obj)
        if not articles:
            return _("No article uses this image.")
        links = format_html_join(
            "",
            '<li><a href="{}">{}</a></li>',
            ((reverse("admin:articles_article_change", args=[a.pk]), a.title) for a in articles),
        )
        return format_html("<ul>{}</ul>", links)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if object_id is None and request.method in {"GET", "HEAD", "POST"}:
            return self.upload_view(request)
        with prepared_uploads.prepared(
            request, lambda key: Image._meta.get_field("file") if key == "file" else None
        ):
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        return [
            path("choose/", self.admin_site.admin_view(self.chooser_view), name="articles_image_choose"),
            *super().get_urls(),
        ]

    def upload_view(self, request):
        """Several images in one go: each good file is kept, each bad one named with its error."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ImageUploadForm(request.POST or None, request.FILES or None)
        errors = []
        if request.method == "POST" and form.is_valid():
            created, errors = upload_images(form, request.user)
            if created:
                self.message_user(
                    request,
                    _(
                        "%(count)s images uploaded. Give each its alt text before an article using it is published."
                    )
                    % {"count": len(created)},
                    messages.SUCCESS,
                )
            if not errors:
                url = reverse("admin:articles_image_changelist")
                return HttpResponseRedirect(f"{url}?id__in={','.join(str(image.pk) for image in created)}")
        context = {
            **self.admin_site.each_context(request),
            "title": _("Upload images"),
            "opts": self.opts,
            "form": form,
            "file_errors": errors,
            "has_view_permission": self.has_view_permission(request),
        }
        return TemplateResponse(request, "admin/articles/image/upload.html", context)

    def chooser_view(self, request):
        """Pick a library image (or upload new ones here) for the body editor or the cover field."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        form, errors, created = None, [], []
        if self.has_add_permission(request):
            form = ImageUploadForm(request.POST or None, request.FILES or None)
            if request.method == "POST" and form.is_valid():
                created, errors = upload_images(form, request.user)
                form = ImageUploadForm() if not errors else form
        elif request.method == "POST":
            raise PermissionDenied
        query = xml_safe(request.GET.get("q", ""))[:200]
        tag = xml_safe(request.GET.get("tag", ""))[:100]  # PostgreSQL refuses a NUL even in a lookup
        month = request.GET.get("month", "")
        images = Image.objects.matching(query) if query else Image.objects.all()
        if tag:
            images = images.filter(tags__slug=tag)
        if len(month) == 7 and month[:4].isdigit() and month[4] == "-" and month[5:].isdigit():
            images = images.filter(uploaded_at__year=int(month[:4]), uploaded_at__month=int(month[5:]))
        page = Paginator(images.exclude(pk__in=[image.pk for image in created]), CHOOSER_PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Choose an image"),
            "opts": self.opts,
            "is_popup": True,
            "created": created,
            "page_obj": page,
            "query": query,
            "tag": tag,
            "month": month,
            "tags": Tag.objects.filter(articles_taggedimage_items__isnull=False).distinct().order_by("name"),
            "months": Image.objects.dates("uploaded_at", "month", order="DESC"),
            "picker": [(name, request.GET[name]) for name in PICKER_PARAMETERS if name in request.GET],
            "form": form,
            "file_errors": errors,
        }
        return TemplateResponse(request, "admin/articles/image/chooser.html", context)


def articles_using(image):
    """The articles (drafts included) whose body places ``image`` or whose cover it is."""
    from ..models import Article

    return list(
        Article.objects.filter(Q(figures__image=image) | Q(cover=image)).distinct().only("pk", "title")
    )
