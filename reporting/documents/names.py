"""How a report lists units: the words for their kind written once, the kinds of locality in the usual order."""

from conferences.models import Committee

LOCALITY_ORDER = [Committee.Locality.COMMUNE, Committee.Locality.WARD, Committee.Locality.TOWNSHIP]


def join_names(names: list[str]) -> str:
    """The words for the kind of unit a run of names shares are written once (Đảng ủy xã Tả Lèng, Khun Há; Đảng ủy
    thị trấn Tam Đường, xã Nà Tăm), wherever the run stands among others; a proper name is never split. Where a
    name holds a comma of its own (Trung tâm Văn hóa, Thể thao và Truyền thông huyện), semicolons part the names."""
    runs: list[list[list[str]]] = []
    for words in (name.split() for name in names):
        if runs and _kind(words)[:2] and _kind(words)[:2] == _kind(runs[-1][0])[:2]:
            runs[-1].append(words)
        else:
            runs.append([words])
    between = "; " if any("," in name for name in names) else ", "
    return between.join(_kind_once(run, between) for run in runs)


def _kind(words: list[str]) -> list[str]:
    """The words naming the kind of unit: the first and the lower-case ones after it (Đảng ủy xã, Chi bộ); none
    when that is the whole name or a single word."""
    kind = words[:1]
    for word in words[1:]:
        if not word[:1].islower():
            break
        kind.append(word)
    return kind if 1 < len(kind) < len(words) else []


def _kind_once(run: list[list[str]], between: str) -> str:
    """One run of names whose kinds begin alike: the words all their kinds share once, then each name's own."""
    if len(run) < 2:
        return " ".join(run[0])
    kinds = [_kind(words) for words in run]
    shared = 0
    while all(len(kind) > shared for kind in kinds) and len({kind[shared] for kind in kinds}) == 1:
        shared += 1
    return " ".join(run[0][:shared]) + " " + between.join(" ".join(words[shared:]) for words in run)


def localities_phrase(localities: list[str]) -> str:
    """['xã', 'thị trấn'] -> 'xã, thị trấn' in the usual order."""
    return ", ".join(kind for kind in LOCALITY_ORDER if kind in localities)
