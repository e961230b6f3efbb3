"""Side effects of editorial changes that the rest of the code should not have to remember."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from taggit.models import TaggedItem

from .delivery.version import purge
from .integrity.renditions import delete_files_on_commit, stored_files
from .models import Article, ArticleImage, Category
from .search import index_article


@receiver(post_save, sender=Article, dispatch_uid="articles.index_on_save")
def index_on_save(sender, instance, raw=False, **kwargs):
    # Runs inside the saving transaction, so the index never disagrees with the article.
    if not raw:
        index_article(instance)


@receiver(post_save, sender=Article, dispatch_uid="articles.purge_article_save")
@receiver(post_delete, sender=Article, dispatch_uid="articles.purge_article_delete")
@receiver(post_save, sender=Category, dispatch_uid="articles.purge_category_save")
@receiver(post_delete, sender=Category, dispatch_uid="articles.purge_category_delete")
@receiver(post_save, sender=ArticleImage, dispatch_uid="articles.purge_image_save")
@receiver(post_delete, sender=ArticleImage, dispatch_uid="articles.purge_image_delete")
@receiver(post_save, sender=TaggedItem, dispatch_uid="articles.purge_tag_save")
@receiver(post_delete, sender=TaggedItem, dispatch_uid="articles.purge_tag_delete")
@receiver(m2m_changed, sender=TaggedItem, dispatch_uid="articles.purge_tags_changed")
def purge_cached_pages(sender, **kwargs):
    # Now, so this request's own next page is fresh; and after commit, so that a page another
    # request rendered from the old data meanwhile is not served under the new version.
    purge()
    transaction.on_commit(purge)


@receiver(post_delete, sender=Article, dispatch_uid="articles.delete_cover_files")
@receiver(post_delete, sender=ArticleImage, dispatch_uid="articles.delete_figure_files")
def delete_image_files(sender, instance, **kwargs):
    # After commit: a rolled-back delete keeps its files.
    field, renditions = ("cover_image", "cover_renditions") if sender is Article else ("image", "renditions")
    fieldfile = getattr(instance, field)
    delete_files_on_commit(fieldfile.storage, stored_files(fieldfile.name, getattr(instance, renditions)))
