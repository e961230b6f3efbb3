import datetime

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext_lazy as _

from ..workflow.states import State


class SafeChangeList(ChangeList):
    """Django's list, for which an impossible date in the date hierarchy (9999-12-31 and the
    day after it) is a bad parameter ("?e=1"), as an impossible month already is, not a 500."""

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except OverflowError as error:
            raise IncorrectLookupParameters(error) from error


class StateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "visibility"

    def lookups(self, request, model_admin):
        return State.choices

    def queryset(self, request, queryset):
        if self.value() in State.values:
            return queryset.in_state(State(self.value()))
        return queryset


SANE_DATES = (datetime.date(1000, 1, 1), datetime.date(9000, 1, 1))


class PublishDateRangeFilter(admin.FieldListFilter):
    """From/to dates for the publish time, as two date inputs (ignored when malformed)."""

    template = "admin/date_range_filter.html"

    def __init__(self, field, request, params, model, model_admin, field_path):
        self.from_param, self.to_param = f"{field_path}__from", f"{field_path}__to"
        super().__init__(field, request, params, model, model_admin, field_path)
        self.title = _("publish date range")

    def expected_parameters(self):
        return [self.from_param, self.to_param]

    def _date(self, name):
        value = self.used_parameters.get(name)
        value = value[-1] if isinstance(value, list) else value
        return parse_date(value) if value else None

    def queryset(self, request, queryset):
        try:
            start, end = self._date(self.from_param), self._date(self.to_param)
        except ValueError:
            return queryset
        tz = timezone.get_current_timezone()
        # A bound outside what any article can have (0001-01-01, 9999-12-31) bounds nothing,
        # and would overflow once shifted to UTC or moved to the next day.
        start = start if start and start > SANE_DATES[0] else None
        end = end if end and end < SANE_DATES[1] else None
        if start:
            queryset = queryset.filter(
                publish_at__gte=datetime.datetime.combine(start, datetime.time.min, tz)
            )
        if end:
            queryset = queryset.filter(
                publish_at__lt=datetime.datetime.combine(
                    end + datetime.timedelta(days=1), datetime.time.min, tz
                )
            )
        return queryset

    def choices(self, changelist):
        yield {
            "from_param": self.from_param,
            "to_param": self.to_param,
            "from_value": self._date_text(self.from_param),
            "to_value": self._date_text(self.to_param),
            "other_params": [
                (key, value)
                for key, values in changelist.get_filters_params().items()
                if key not in self.expected_parameters()
                for value in (values if isinstance(values, list) else [values])
            ],
            "clear_url": changelist.get_query_string(remove=self.expected_parameters()),
        }

    def _date_text(self, name):
        value = self.used_parameters.get(name)
        return (value[-1] if isinstance(value, list) else value) or ""
