"""A query the hot path runs on every request, compiled once instead of every time.

Django builds and compiles a QuerySet's SQL on each evaluation: for the API-key lookup
that every API request starts with (a filter, a join for `select_related`), that is
about half a millisecond of CPU against some 40 µs to run the SQL itself — under a
burst of a thousand requests, the largest single cost of accepting one.

`Prepared(build)` compiles `build(placeholder)` the first time a thread needs it, per
database alias, and afterwards only swaps the one parameter and turns the row into
model instances the way Django's own iterator does: field converters (sqlite's dates
and booleans), `from_db`, and the `select_related` objects. It is per thread because a
compiler belongs to the connection it was compiled on, and connections are per thread."""

from __future__ import annotations

import threading
from typing import Callable

from django.db import connections, router
from django.db.models import QuerySet
from django.db.models.query import get_related_populators

PLACEHOLDER = "\x00painty-prepared-parameter\x00"


class Prepared:
    def __init__(self, build: Callable[[str], QuerySet]):
        """`build(value)` returns the QuerySet for one value of the parameter; it must take
        the value exactly once, as a query parameter (a filter's right-hand side)."""
        self.build = build
        self._local = threading.local()

    def _compiled(self):
        """(connection, compiler, sql, params, index of the parameter) for this thread."""
        queryset = None
        if not hasattr(self, "model"):
            queryset = self.build(PLACEHOLDER)
            self.model = queryset.model
        alias = router.db_for_read(self.model)
        connection = connections[alias]
        entry = self._local.__dict__.get("compiled")
        if entry is None or entry[0] is not connection:
            queryset = queryset if queryset is not None else self.build(PLACEHOLDER)
            compiler = queryset.query.get_compiler(alias)
            sql, params = compiler.as_sql()
            positions = [i for i, param in enumerate(params) if param == PLACEHOLDER]
            if len(positions) != 1:
                raise ValueError(f"a prepared query takes its parameter once, not {len(positions)} times")
            entry = self._local.compiled = (connection, compiler, sql, tuple(params), positions[0])
        return entry

    def first(self, value):
        """The first model instance the query gives for `value`, or None."""
        connection, compiler, sql, params, position = self._compiled()
        with connection.cursor() as cursor:
            cursor.execute(sql, params[:position] + (value,) + params[position + 1:])
            row = cursor.fetchone()
        if row is None:
            return None
        row = next(iter(compiler.results_iter(results=[[row]])))
        klass_info, select = compiler.klass_info, compiler.select
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        names = [column[0].target.attname for column in select[start:end]]
        instance = self.model.from_db(connection.alias, names, row[start:end])
        for populator in get_related_populators(klass_info, select, connection.alias):
            populator.populate(row, instance)
        return instance
