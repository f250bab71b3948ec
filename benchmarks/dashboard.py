"""2. The campaign dashboard through the test client, at 10, 100 and 2,000 units under the committee.

The three committees are extra provinces of the synthetic nation, added
with the same generator (``scale_add_provinces``), their communes without
cells, so the units directly under each are exactly 10, 100 and 2,000.
"""

from django.test import Client
from django.urls import reverse

from accounts.models import User
from benchmarks.common import Row, captured, median_seconds, seconds_text
from benchmarks.scale.generation import scale_add_provinces, scale_campaigns, scale_root
from conferences.models import Committee

SIZES = (10, 100, 2000)
RUNS = 5


def run(*, campaign_code: str, seed: int) -> list[Row]:
    campaigns = scale_campaigns()
    url = reverse("dashboard", args=[campaign_code])
    rows, counts = [], []
    for size in SIZES:
        committee = _province_with(size, campaigns=campaigns, seed=seed)
        client = Client()
        client.force_login(_leader(committee))

        def get(client=client):
            response = client.get(url)
            assert response.status_code == 200, response.status_code
            return response

        response, queries = captured(get)
        seconds = median_seconds(get, runs=RUNS)
        counts.append(len(queries))
        rows.append(
            Row(
                benchmark="2. dashboard",
                case=f"`{committee.code}` with {size:,} units, {len(response.content) // 1024:,} KB of HTML",
                result=f"median {seconds_text(seconds)} of {RUNS}",
                queries=len(queries),
            )
        )
        rows[-1].print()
    same = len(set(counts)) == 1
    rows.append(
        Row(
            benchmark="2. dashboard",
            case="query count at 10, 100 and 2,000 units",
            result=" = ".join(str(count) for count in counts),
            target="identical",
            met=same,
            miss="" if same else "The count grows with the number of units: a query runs per unit.",
        )
    )
    rows[-1].print()
    assert same, f"query counts differ: {counts}"
    return rows


def _province_with(size: int, *, campaigns, seed: int) -> Committee:
    root = scale_root()
    scale_add_provinces(root=root, campaigns=campaigns, count=1, communes=size, cells_per_commune=0, seed=seed)
    return Committee.objects.filter(path__startswith=root.path, depth=root.depth + 1).order_by("-path").first()


def _leader(committee: Committee) -> User:
    user = User(username=f"bench-lanhdao-{committee.code}", role=User.Role.LEADER, committee=committee)
    user.set_unusable_password()
    user.save()
    return user
