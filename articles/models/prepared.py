"""Queries a reader's page runs on every render, built and compiled once per database.

Django builds a queryset (``filter``, ``Q``, joins) and compiles it to SQL afresh on
every run. For the article page's six small queries that cost about 5 ms of Python
against 0.1 ms of SQLite. A prepared query is written as an ordinary queryset with
``Slot`` placeholders where the values go; it is compiled the first time it runs on a
database, and after that each run only binds the values, runs the SQL and builds the
models the way Django's ModelIterable does (select_related objects and annotations
included; prefetch_related lookups run as usual).

The queryset stays the definition (``Article.objects.published()`` and all), so a
prepared query returns what the queryset returns; the tests hold the two equal.
"""

import threading

from django.core.exceptions import EmptyResultSet
from django.db import connections, models, router
from django.db.models import Expression, prefetch_related_objects
from django.db.models.query import get_related_populators


class Slot(Expression):
    """A value filled in at each run: ``filter(pk=Slot("pk", models.IntegerField()))``."""

    def __init__(self, name, output_field):
        super().__init__(output_field=output_field)
        self.name = name

    def __repr__(self):
        return f"Slot({self.name!r})"

    def as_sql(self, compiler, connection):
        return "%s", [self]

    def bind(self, values, connection):
        # What a lookup does to a plain value: a datetime becomes SQLite's text, and so on.
        return self.output_field.get_db_prep_value(values[self.name], connection, prepared=False)


def slots(prefix, count, field=models.BigIntegerField):
    """``count`` Slots for a list of values (prefix0, prefix1 …), as slot_values() names them."""
    return [Slot(f"{prefix}{number}", field()) for number in range(count)]


def slot_values(prefix, values):
    return {f"{prefix}{number}": value for number, value in enumerate(values)}


def bind(param, values, connection):
    if isinstance(param, Slot):
        return param.bind(values, connection)
    if isinstance(param, list):  # PostgreSQL's array parameters (unnest(%s))
        return [bind(each, values, connection) for each in param]
    return param


class PreparedQuery:
    """``build()`` returns the queryset with its Slots. Calling the prepared query with a
    value for each slot returns its models as a list, read from the database the router
    picks for reads at that moment (a read replica, or the primary after a write)."""

    def __init__(self, model, build, compiled=None):
        self.model, self.build = model, build
        self.compile = compiled or Compiled  # CompiledCount: how many rows, not the rows
        self.compiled = {}  # database alias -> Compiled
        self.lock = threading.Lock()

    def __call__(self, **values):
        alias = router.db_for_read(self.model)
        compiled = self.compiled.get(alias)
        if compiled is None:
            with self.lock:
                compiled = self.compiled.setdefault(alias, self.compile(self.build(), alias))
        return compiled.run(values)


class PreparedShapes:
    """A family of prepared queries, one per shape: ``build(shape)`` returns the queryset
    for a shape such as a number of tags or categories (an IN list's length is part of
    the SQL)."""

    MAX_SHAPES = 64  # beyond, a shape is compiled for the run and not kept (bounded memory)

    def __init__(self, model, build, compiled=None):
        self.model, self.build, self.compiled = model, build, compiled
        self.shapes = {}

    def __call__(self, shape, **values):
        prepared = self.shapes.get(shape)
        if prepared is None:
            prepared = PreparedQuery(self.model, lambda: self.build(shape), self.compiled)
            if len(self.shapes) < self.MAX_SHAPES:
                prepared = self.shapes.setdefault(shape, prepared)
        return prepared(**values)


class Compiled:
    """One queryset's SQL on one database, and how its rows become models."""

    def __init__(self, queryset, alias):
        compiler = queryset.query.get_compiler(using=alias)
        try:
            self.sql, self.params = compiler.as_sql()
        except EmptyResultSet:  # it can match nothing, whatever the values (IN of no ids)
            self.sql = None
            return
        self.alias, self.compiler = alias, compiler
        self.prefetch = queryset._prefetch_related_lookups
        self.after = getattr(queryset._iterable_class, "after_loading", None)
        select, klass_info = compiler.select, compiler.klass_info
        self.model = klass_info["model"]
        fields = klass_info["select_fields"]
        self.model_columns = slice(fields[0], fields[-1] + 1)
        self.init_list = [column[0].target.attname for column in select[self.model_columns]]
        self.populators = get_related_populators(klass_info, select, alias)
        self.annotations = compiler.annotation_col_map
        self.converters = compiler.get_converters([column[0] for column in select[: compiler.col_count]])

    def run(self, values):
        if self.sql is None:
            return []
        connection = connections[self.alias]
        params = [bind(param, values, connection) for param in self.params]
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        if self.converters:
            rows = self.compiler.apply_converters(rows, self.converters)
        objects = []
        for row in rows:
            obj = self.model.from_db(self.alias, self.init_list, row[self.model_columns])
            for populator in self.populators:
                populator.populate(row, obj)
            for name, column in self.annotations.items():
                setattr(obj, name, row[column])
            objects.append(obj)
        if self.after:
            self.after(objects)
        if self.prefetch and objects:
            prefetch_related_objects(objects, *self.prefetch)
        return objects


class CompiledCount:
    """How many rows a queryset (a sliced one: up to its limit) has, counted the way Django
    counts a sliced queryset: SELECT COUNT(*) over its SQL."""

    def __init__(self, queryset, alias):
        self.alias = alias
        try:
            sql, self.params = queryset.values_list("pk").query.get_compiler(using=alias).as_sql()
        except EmptyResultSet:
            self.sql = None
            return
        self.sql = f"SELECT COUNT(*) FROM ({sql}) counted"

    def run(self, values):
        if self.sql is None:
            return 0
        connection = connections[self.alias]
        with connection.cursor() as cursor:
            cursor.execute(self.sql, [bind(param, values, connection) for param in self.params])
            return cursor.fetchone()[0]


def remember(instance, name, queryset, objects):
    """What prefetch_related leaves behind: ``instance.<name>.all()`` is ``queryset`` with
    ``objects`` as its result, so it answers without a query (and a further filter on it
    asks the database, as on any queryset)."""
    queryset._result_cache, queryset._prefetch_done = objects, True
    if not hasattr(instance, "_prefetched_objects_cache"):
        instance._prefetched_objects_cache = {}
    instance._prefetched_objects_cache[name] = queryset
