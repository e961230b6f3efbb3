from django import template
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Article
from ..workflow import transitions
from ..workflow.states import Status

register = template.Library()
QUEUE_SIZE = 20


@register.inclusion_tag("admin/includes/editorial_queue.html")
def editorial_queue(user):
    """What waits for ``user``: reviews at levels their role approves, their own drafts and
    returned articles, and what goes live next."""
    if not user.has_perm("articles.view_article"):
        return {"lists": []}
    articles = Article.objects.select_related("category", "draft_of")
    waiting = transitions.waiting_for(user, articles)[:QUEUE_SIZE]
    own = articles.filter(author=user, status__in=[Status.DRAFT, Status.REJECTED]).order_by("-updated_at")
    upcoming = articles.filter(status=Status.PUBLISHED, publish_at__gt=timezone.now()).order_by("publish_at")
    lists = [(_("Waiting for your review"), waiting, "review")]
    if user.has_perm("articles.submit_article"):
        lists.append((_("Your drafts and returned articles"), own[:QUEUE_SIZE], "own"))
    lists.append((_("Going live next"), upcoming[:QUEUE_SIZE], "upcoming"))
    return {"lists": lists}
