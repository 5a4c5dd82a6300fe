"""A query the hot path runs on every request, compiled once instead of every time.

Django builds and compiles a QuerySet's SQL on each evaluation: for the API-key lookup
that every API request starts with (a filter, a join for `select_related`), that is
about half a millisecond of CPU against some 40 µs to run the SQL itself — under a
burst of a thousand requests, the largest single cost of accepting one.

`Prepared(build)` compiles `build(placeholder)` the first time a thread needs it, per
database alias, and afterwards only swaps the one parameter and turns the row into
model instances the way Django's own iterator does: field converters (sqlite's dates
and booleans), `from_db`, and the `select_related` objects. It is per thread because a
compiler belongs to the connection it was compiled on, and connections are per thread.

`insert(instance)` is the same for the two rows every accepted request writes (its job
and its ledger entry): Django's `save()` of a new row compiles its INSERT from the fields
each time — several times the cost of running it. Here the statement is compiled once
per thread and model, and each insert only prepares the values, field by field, as
Django's compiler does (`pre_save`, `get_db_prep_save`)."""

from __future__ import annotations

import threading
from typing import Callable

from django.db import connections, router, transaction
from django.db.models import Model, QuerySet
from django.db.models.query import get_related_populators
from django.db.models.sql import InsertQuery

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


_inserts = threading.local()


def insert(instance: Model) -> Model:
    """INSERT a new `instance` (its primary key unset) and set what the database returned
    (the key), exactly as `instance.save(force_insert=True)` would for a model with no
    parents, no save() of its own and no save signals — but compiled once."""
    if instance._get_pk_val() is not None:
        raise ValueError("a compiled insert is for a new row: its primary key is the database's to give")
    model = type(instance)
    alias = router.db_for_write(model, instance=instance)
    connection = connections[alias]
    key = (model, alias)
    entry = _inserts.__dict__.get(key)
    if entry is None or entry[0] is not connection:
        entry = _compile_insert(instance, connection, alias)
        _inserts.__dict__[key] = entry
    _, compiler, fields, sql, returning, converters = entry
    instance._prepare_related_fields_for_save(operation_name="save")
    values = [compiler.prepare_value(field, compiler.pre_save_val(field, instance)) for field in fields]
    if any(hasattr(value, "as_sql") for value in values):  # an expression: Django's own path
        instance.save(force_insert=True, using=alias)
        return instance
    with transaction.mark_for_rollback_on_error(using=alias), connection.cursor() as cursor:
        cursor.execute(sql, values)
        if connection.features.can_return_columns_from_insert:
            row = connection.ops.fetch_returned_insert_columns(cursor, compiler.returning_params)
        else:
            row = (connection.ops.last_insert_id(cursor, model._meta.db_table, returning[0].column),)
    if converters:
        row = next(iter(compiler.apply_converters([row], converters)))
    for value, field in zip(row, returning):
        setattr(instance, field.attname, value)
    instance._state.db = alias
    instance._state.adding = False
    return instance


def _compile_insert(instance: Model, connection, alias: str):
    """(connection, compiler, fields, sql, returning fields, converters) for `instance`'s model."""
    meta = instance._meta
    if meta.parents:
        raise ValueError("a compiled insert is for a model without parents")
    fields = [f for f in meta.local_concrete_fields if not f.generated and f is not meta.auto_field]
    if any(hasattr(f, "get_placeholder") for f in fields):
        raise ValueError("a compiled insert takes one plain placeholder per field")
    returning = meta.db_returning_fields
    query = InsertQuery(type(instance))
    query.insert_values(fields, [instance])  # only the SQL is kept: `insert` prepares the values
    compiler = query.get_compiler(using=alias)
    compiler.returning_fields = returning
    [(sql, _)] = compiler.as_sql()
    if not connection.features.can_return_columns_from_insert and len(returning) != 1:
        raise ValueError("without INSERT … RETURNING only the primary key comes back")
    converters = compiler.get_converters([f.get_col(meta.db_table) for f in returning])
    return connection, compiler, fields, sql, returning, converters


_updates: dict = {}


def update_if(model, pk, column_in: tuple[str, list], **values) -> int:
    """`model.objects.filter(pk=pk, <field>__in=<choices>).update(**values)` with the SQL
    built once per model, fields and number of choices: the conditional UPDATE each job
    moves through its statuses with (photos.models.Job._transition). Values are plain
    values (no expressions), prepared by their fields as QuerySet.update prepares them.
    Returns the number of rows changed."""
    name, choices = column_in
    if any(hasattr(value, "resolve_expression") for value in values.values()):  # Django's own path
        return model._base_manager.filter(pk=pk, **{f"{name}__in": choices}).update(**values)
    alias = router.db_for_write(model)
    connection = connections[alias]
    key = (alias, model, tuple(values), name, len(choices))
    entry = _updates.get(key)
    if entry is None:
        entry = _updates[key] = _compile_update(model, connection, list(values), name, len(choices))
    sql, fields, condition = entry
    meta = model._meta
    params = [field.get_db_prep_save(value, connection=connection) for field, value in zip(fields, values.values())]
    params += [meta.pk.get_db_prep_value(pk, connection)] + [condition.get_db_prep_value(c, connection) for c in choices]
    with transaction.mark_for_rollback_on_error(using=alias), connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def _compile_update(model, connection, names: list[str], condition_name: str, choices: int):
    """(sql, the fields it sets, the condition's field) for `update_if`."""
    meta = model._meta
    fields = [meta.get_field(name) for name in names]
    if any(hasattr(field, "get_placeholder") or not field.concrete for field in fields):
        raise ValueError("a compiled update takes one plain placeholder per concrete field")
    condition = meta.get_field(condition_name)
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    marks = ", ".join(["%s"] * choices)
    sql = (f"UPDATE {quote(meta.db_table)} SET {assignments} "
           f"WHERE {quote(meta.pk.column)} = %s AND {quote(condition.column)} IN ({marks})")
    return sql, fields, condition
