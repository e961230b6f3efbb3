from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from ..delivery.links import link
from ..integrity.text import drop_unsafe_characters
from ..workflow.roles import DEFAULT_REVIEW_CHAIN, MAX_REVIEW_LEVELS, ReviewerRole


class CategoryQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(is_visible=True)

    def children_by_parent(self):
        """{parent id: [child ids]} for the whole tree, in one query."""
        children = {}
        for pk, parent_id in self.values_list("pk", "parent_id"):
            children.setdefault(parent_id, []).append(pk)
        return children


class Category(models.Model):
    """A node of the category tree (新闻中心 > 镇街动态 …)."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        allow_unicode=True,
        blank=True,
        help_text=_("Part of the address; made from the name (in pinyin) when left empty."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)
    is_visible = models.BooleanField(
        _("shown in navigation"),
        default=True,
        help_text=_(
            "Hidden categories keep their articles but leave the menus and their page is not listed."
        ),
    )

    review_levels = models.PositiveSmallIntegerField(
        _("review levels"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_REVIEW_LEVELS)],
        help_text=_(
            "How many approvals an article needs before it goes live (0–3; 三审 is 3). "
            "Empty: as the parent category (top level: 1, by a chief editor)."
        ),
    )
    level_1_role = models.CharField(
        _("level 1 approved by"), max_length=10, choices=ReviewerRole.choices, default=ReviewerRole.EDITOR
    )
    level_2_role = models.CharField(
        _("level 2 approved by"), max_length=10, choices=ReviewerRole.choices, default=ReviewerRole.EDITOR
    )
    level_3_role = models.CharField(
        _("level 3 approved by"), max_length=10, choices=ReviewerRole.choices, default=ReviewerRole.CHIEF
    )

    objects = CategoryQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return " › ".join(category.name for category in self.ancestors_and_self())

    def save(self, *args, **kwargs):
        from ..seo.slugs import unique_slug
        from .slugs import FormerSlug

        drop_unsafe_characters(self)
        if not self.slug:
            self.slug = unique_slug(Category, self.name, "category", exclude=self.pk)
        previous = (
            Category.objects.filter(pk=self.pk).values_list("slug", flat=True).first() if self.pk else None
        )
        with transaction.atomic():
            super().save(*args, **kwargs)
            FormerSlug.forget(FormerSlug.Kind.CATEGORY, self.slug)
            if previous and previous != self.slug:
                FormerSlug.remember(FormerSlug.Kind.CATEGORY, previous, self.pk)

    def get_absolute_url(self):
        return link("articles:category", slug=self.slug)

    def clean(self):
        if self.pk and self.parent_id and self.pk in {c.pk for c in self.parent.ancestors_and_self()}:
            raise ValidationError({"parent": _("A category cannot be placed inside itself.")})

    def review_chain(self):
        """The role approving each level, first to last: this category's own rule, else its parent's."""
        for category in reversed(self.ancestors_and_self()):
            if category.review_levels is not None:
                roles = [category.level_1_role, category.level_2_role, category.level_3_role]
                return [ReviewerRole(role) for role in roles[: category.review_levels]]
        return list(DEFAULT_REVIEW_CHAIN)

    def ancestors_and_self(self):
        """Root first. Walks parents one query each; trees here are a few levels deep."""
        chain, node, seen = [], self, set()
        while node is not None and node.pk not in seen:
            seen.add(node.pk)
            chain.append(node)
            node = node.parent
        return list(reversed(chain))

    def descendant_ids(self, children=None):
        """This category's id and those of every category below it (``children``: children_by_parent())."""
        if children is None:
            children = Category.objects.children_by_parent()
        ids, stack = [], [self.pk]
        while stack:
            pk = stack.pop()
            if pk not in ids:
                ids.append(pk)
                stack.extend(children.get(pk, []))
        return ids
