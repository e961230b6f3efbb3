"""Side effects of editorial changes that the rest of the code should not have to remember."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Article
from .search import index_article


@receiver(post_save, sender=Article, dispatch_uid="articles.index_on_save")
def index_on_save(sender, instance, raw=False, **kwargs):
    # Runs inside the saving transaction, so the index never disagrees with the article.
    if not raw:
        index_article(instance)
