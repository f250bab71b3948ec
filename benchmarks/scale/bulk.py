"""Writing and removing synthetic rows in bulk, and the tree paths that make it possible.

Treebeard's paths are computed here rather than by ``add_child`` (one query
per node): a child's path is its parent's plus its sequence number in base 36,
padded to ``Committee.steplen``.
"""

from collections.abc import Iterable

from django.db import connection, models

from conferences.models import Attendance, Committee, ConferenceSite, VideoSite
from reporting.models import OrganisationOutreach, UnitResult

BATCH_SIZE = 1000


def tree_path(parent_path: str, sequence: int) -> str:
    """The treebeard path of a parent's ``sequence``-th child (from 1)."""
    alphabet, digits = Committee.alphabet, ""
    while sequence:
        sequence, digit = divmod(sequence, len(alphabet))
        digits = alphabet[digit] + digits
    return parent_path + digits.rjust(Committee.steplen, alphabet[0])


def bulk_insert(model: type[models.Model], objects: list) -> None:
    model.objects.bulk_create(objects, batch_size=BATCH_SIZE)


def refresh_statistics() -> None:
    """ANALYZE the tables just filled: the query planner otherwise still sees them as they were.

    PostgreSQL's autovacuum would get there in time; a benchmark run right
    after a bulk load would measure plans made for nearly empty tables.
    """
    models_filled = (Committee, VideoSite, ConferenceSite, Attendance, UnitResult, OrganisationOutreach)
    tables = [connection.ops.quote_name(model._meta.db_table) for model in models_filled]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"ANALYZE {', '.join(tables)}")
        else:
            for table in tables:
                cursor.execute(f"ANALYZE {table}")


def purge(querysets: Iterable[models.QuerySet]) -> None:
    """Delete each queryset's rows with a plain DELETE: no signals, no history records."""
    for queryset in querysets:
        # Evaluated now, in this order: later querysets refer to rows the earlier ones point at.
        queryset._raw_delete(queryset.db)
