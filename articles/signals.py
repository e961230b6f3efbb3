"""Side effects of editorial changes that the rest of the code should not have to remember."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver
from taggit.models import Tag, TaggedItem

from .delivery.version import purge, purge_menu
from .images.search import search_text as image_search_text
from .integrity.renditions import delete_files_on_commit
from .integrity.tags import tidy_tag
from .models import Article, ArticleFlag, Category, Figure, FormerSlug, Image, TaggedImage
from .search import index_article, tantivy_engine, unindex_article
from .workflow import audit, revisions

User = get_user_model()


@receiver(pre_save, sender=Tag, dispatch_uid="articles.tidy_tag")
def tidy_tag_before_save(sender, instance, raw=False, **kwargs):
    if not raw:
        tidy_tag(instance)
        previous = (
            Tag.objects.filter(pk=instance.pk).values_list("slug", flat=True).first() if instance.pk else None
        )
        FormerSlug.forget(FormerSlug.Kind.TAG, instance.slug)
        if previous and previous != instance.slug:  # a renamed tag's old address 301s
            FormerSlug.remember(FormerSlug.Kind.TAG, previous, instance.pk)


@receiver(post_save, sender=Article, dispatch_uid="articles.index_on_save")
def index_on_save(sender, instance, raw=False, **kwargs):
    # Runs inside the saving transaction, so the index never disagrees with the article.
    if not raw:
        index_article(instance)


@receiver(post_delete, sender=Article, dispatch_uid="articles.unindex_on_delete")
def unindex_on_delete(sender, instance, **kwargs):
    unindex_article(instance)
    if tantivy_engine.enabled() and instance.search_key is not None:
        key = instance.search_key
        transaction.on_commit(lambda: tantivy_engine.write([], removed_keys=[key]))


@receiver(post_save, sender=Article, dispatch_uid="articles.tantivy_on_save")
def tantivy_on_save(sender, instance, raw=False, **kwargs):
    # After commit: Tantivy is outside the database's transaction (a rollback must not show).
    if not raw and tantivy_engine.enabled():
        transaction.on_commit(lambda: tantivy_engine.write([instance]))


@receiver(post_save, sender=Article, dispatch_uid="articles.keep_revision")
def keep_revision(sender, instance, raw=False, **kwargs):
    # After commit, when its tags and figures are saved too.
    if not raw:
        transaction.on_commit(lambda: revisions.record_unless_kept(instance))


@receiver(post_save, sender=Article, dispatch_uid="articles.purge_article_save")
@receiver(post_delete, sender=Article, dispatch_uid="articles.purge_article_delete")
@receiver(post_save, sender=Category, dispatch_uid="articles.purge_category_save")
@receiver(post_delete, sender=Category, dispatch_uid="articles.purge_category_delete")
@receiver(post_save, sender=Image, dispatch_uid="articles.purge_image_save")
@receiver(post_delete, sender=Image, dispatch_uid="articles.purge_image_delete")
@receiver(post_save, sender=Figure, dispatch_uid="articles.purge_figure_save")
@receiver(post_delete, sender=Figure, dispatch_uid="articles.purge_figure_delete")
@receiver(post_save, sender=ArticleFlag, dispatch_uid="articles.purge_flag_save")
@receiver(post_delete, sender=ArticleFlag, dispatch_uid="articles.purge_flag_delete")
@receiver(post_save, sender=TaggedItem, dispatch_uid="articles.purge_tag_save")
@receiver(post_delete, sender=TaggedItem, dispatch_uid="articles.purge_tag_delete")
@receiver(m2m_changed, sender=TaggedItem, dispatch_uid="articles.purge_tags_changed")
def purge_cached_pages(sender, **kwargs):
    # Now, so this request's own next page is fresh; and after commit, so that a page another
    # request rendered from the old data meanwhile is not served under the new version.
    purge()
    transaction.on_commit(purge)


@receiver(post_save, sender=Category, dispatch_uid="articles.purge_menu_save")
@receiver(post_delete, sender=Category, dispatch_uid="articles.purge_menu_delete")
def purge_category_menu(sender, **kwargs):
    # As purge_cached_pages: now, and after commit. The content version is replaced after
    # the menu's, so whichever content version comes next carries the new menu version
    # (the category tree is kept by it: delivery/category_tree.py).
    purge_menu()
    purge()
    transaction.on_commit(purge_menu)
    transaction.on_commit(purge)


@receiver(post_delete, sender=Image, dispatch_uid="articles.delete_image_files")
def delete_image_files(sender, instance, **kwargs):
    # After commit: a rolled-back delete keeps its files. (An image in use cannot be deleted:
    # figures and covers protect it.)
    delete_files_on_commit(instance.file.storage, {instance.file.name: instance.renditions})


@receiver(m2m_changed, sender=TaggedImage, dispatch_uid="articles.image_tags_searchable")
def image_tags_searchable(sender, instance, action, **kwargs):
    # The chooser finds an image by its tags too: they are part of its search text.
    if action in {"post_add", "post_remove", "post_clear"} and isinstance(instance, Image):
        Image.objects.filter(pk=instance.pk).update(search_text=image_search_text(instance))


# The audit log: sign-ins and changes to who may do what (workflow/audit.py).
@receiver(user_logged_in, dispatch_uid="articles.audit_login")
def audit_login(sender, request, user, **kwargs):
    audit.record(audit.Action.LOGIN, user.get_username(), user=user, request=request)


@receiver(user_logged_out, dispatch_uid="articles.audit_logout")
def audit_logout(sender, request, user, **kwargs):
    if user is not None:
        audit.record(audit.Action.LOGOUT, user.get_username(), user=user, request=request)


@receiver(user_login_failed, dispatch_uid="articles.audit_login_failed")
def audit_login_failed(sender, credentials, request=None, **kwargs):
    # The name tried, never the password (Django already masks it in ``credentials``).
    audit.record(audit.Action.LOGIN_FAILED, str(credentials.get("username", ""))[:150], request=request)


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="articles.audit_user_created")
def audit_user_created(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        audit.record(audit.Action.USER_CREATED, instance.get_username())


@receiver(m2m_changed, sender=User.groups.through, dispatch_uid="articles.audit_user_groups")
@receiver(m2m_changed, sender=User.user_permissions.through, dispatch_uid="articles.audit_user_permissions")
@receiver(m2m_changed, sender=Group.permissions.through, dispatch_uid="articles.audit_group_permissions")
def audit_access_changed(sender, instance, action, model, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    names = sorted(str(obj) for obj in model.objects.filter(pk__in=pk_set or []))
    kind = audit.Action.GROUPS_CHANGED if model is Group else audit.Action.PERMISSIONS_CHANGED
    verb = {"post_add": "+", "post_remove": "-", "post_clear": "cleared"}[action]
    audit.record(kind, instance, detail=f"{verb} {', '.join(names)}".strip())
