from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.utils.translation import gettext as _


def paginate(request, queryset, per_page=20):
    """The page named by ?page= (1 if absent); a malformed or out-of-range number is a 404."""
    paginator = Paginator(queryset, per_page, allow_empty_first_page=True)
    number = request.GET.get("page") or 1
    try:
        return paginator.page(number)
    except InvalidPage:
        raise Http404(_("There is no page %(number)s.") % {"number": str(number)[:20]}) from None
