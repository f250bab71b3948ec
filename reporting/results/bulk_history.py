"""Many rows written at once, as an import writes them: bulk statements, and history rows copied by the database.

simple-history's own ``bulk_create_with_history`` builds every history row in Python as well; for an import of
thousands of rows that doubled its time. Here the database copies each written row into its history table.
"""

import datetime
from collections.abc import Sequence

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import connection, models

# Rows per statement: within the 999 parameters SQLite allows Django.
BATCH = 900
# What a history row holds besides the row's own fields, in the order record_history fills them.
HISTORY_FIELDS = ("history_date", "history_change_reason", "history_type", "history_user_id")


def insert_many(model: type[models.Model], fields: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """New rows of ``model``, their ``fields`` given as the database stores them (keys, whole numbers), many to a
    statement: Django's ``bulk_create`` prepares every value of every row, a third of an import's writing."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(field).column) for field in fields)
    placeholders = f"({', '.join(['%s'] * len(fields))})"
    per_statement = BATCH // len(fields)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            batch = rows[start : start + per_statement]
            values = ", ".join([placeholders] * len(batch))
            cursor.execute(
                f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES {values}",
                [value for row in batch for value in row],
            )


def update_many(rows: Sequence[models.Model], fields: list[str]) -> None:
    """Writes ``fields`` of rows that exist, by primary key, many rows to a statement.

    As an INSERT whose conflict on the key updates the row (the rows exist, so every one conflicts; the columns
    outside ``fields``, ``created_at`` among them, keep their values). Django's ``bulk_update`` writes a CASE
    WHEN per field with a branch per row instead: two minutes for 10,000 results.
    """
    if rows:
        type(rows[0]).objects.bulk_create(
            rows, batch_size=BATCH, update_conflicts=True, unique_fields=["pk"], update_fields=fields
        )


def record_history(
    model: type[models.Model],
    *,
    match: str,
    keys: Sequence[object],
    also: dict[str, object] | None = None,
    kind: str,
    when: datetime.datetime,
    user: AbstractBaseUser | None,
    reason: str,
) -> None:
    """The history row of each row of ``model`` just written (those whose ``match`` field is among ``keys`` and
    whose fields in ``also`` are equal), as simple-history makes it (``kind`` "+" created, "~" changed), copied
    from the row by the database."""
    history = model.history.model
    tracked = history.tracked_fields
    quote = connection.ops.quote_name
    columns = [history._meta.get_field(field.name).column for field in tracked]
    columns += [history._meta.get_field(name).column for name in HISTORY_FIELDS]
    select = ", ".join([*(quote(field.column) for field in tracked), *["%s"] * len(HISTORY_FIELDS)])
    fields = [history._meta.get_field(name) for name in HISTORY_FIELDS]
    stamp = [
        field.get_db_prep_save(value, connection)
        for field, value in zip(fields, (when, reason, kind, user.pk if user else None), strict=True)
    ]
    equal = [(model._meta.get_field(name).column, value) for name, value in (also or {}).items()]
    where = "".join(f"{quote(column)} = %s AND " for column, _value in equal)
    column = quote(model._meta.get_field(match).column)
    with connection.cursor() as cursor:
        for start in range(0, len(keys), BATCH):
            batch = list(keys[start : start + BATCH])
            cursor.execute(
                f"INSERT INTO {quote(history._meta.db_table)} ({', '.join(map(quote, columns))}) "
                f"SELECT {select} FROM {quote(model._meta.db_table)} "
                f"WHERE {where}{column} IN ({', '.join(['%s'] * len(batch))})",
                [*stamp, *(value for _column, value in equal), *batch],
            )
