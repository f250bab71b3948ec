"""The synthetic committee tree below the national root: provinces, communes and wards, party cells.

Objects are built here, unsaved, with their treebeard paths; ``generation``
inserts them in bulk.
"""

import random
from dataclasses import dataclass, field

from benchmarks.scale.bulk import tree_path
from conferences.models import Committee, VideoSite

# The 34 provincial units after the 2025 merger; the six cities have a Thành ủy.
PROVINCES = (
    ("Hà Nội", True),
    ("Huế", True),
    ("Lai Châu", False),
    ("Điện Biên", False),
    ("Sơn La", False),
    ("Lạng Sơn", False),
    ("Quảng Ninh", False),
    ("Thanh Hóa", False),
    ("Nghệ An", False),
    ("Hà Tĩnh", False),
    ("Cao Bằng", False),
    ("Tuyên Quang", False),
    ("Lào Cai", False),
    ("Thái Nguyên", False),
    ("Phú Thọ", False),
    ("Bắc Ninh", False),
    ("Hưng Yên", False),
    ("Hải Phòng", True),
    ("Ninh Bình", False),
    ("Quảng Trị", False),
    ("Đà Nẵng", True),
    ("Quảng Ngãi", False),
    ("Gia Lai", False),
    ("Khánh Hòa", False),
    ("Lâm Đồng", False),
    ("Đắk Lắk", False),
    ("Hồ Chí Minh", True),
    ("Đồng Nai", False),
    ("Tây Ninh", False),
    ("Cần Thơ", True),
    ("Vĩnh Long", False),
    ("Đồng Tháp", False),
    ("Cà Mau", False),
    ("An Giang", False),
)
# Syllables that commune names are made of, two at a time (Tân Phú, Hòa Bình ...).
SYLLABLES = (  # noqa: SIM905 (a word list reads better as one string)
    "An Bình Phú Tân Hòa Long Mỹ Thạnh Hưng Phước Thuận Lộc Hiệp Đông Tây Nam Bắc Trung Sơn Thủy "
    "Quang Minh Thành Vĩnh Xuân Hải Đức Nghĩa Kim Ngọc Thanh Lâm Tiến Cường Hồng Lạc"
).split()


@dataclass
class Commune:
    committee: Committee
    cells: list[Committee]
    # Cells that report on their own (the school, the health station); the commune reports the rest.
    reporting_cells: list[Committee] = field(default_factory=list)


@dataclass
class Province:
    committee: Committee
    communes: list[Commune]

    @property
    def committees(self) -> list[Committee]:
        """The province, its communes, then all their cells: the order they are inserted in."""
        communes = [unit.committee for unit in self.communes]
        return [self.committee, *communes, *(cell for unit in self.communes for cell in unit.cells)]


def province_code(number: int) -> str:
    return f"p{number:02d}"


def build_province(root: Committee, number: int, communes: int, cells_per_commune: int, rng: random.Random) -> Province:
    """The ``number``-th province under the root, with its communes and their cells."""
    place, is_city = PROVINCES[number - 1] if number <= len(PROVINCES) else (f"Tỉnh số {number}", False)
    body = "Thành ủy" if is_city else "Tỉnh ủy"
    province = Committee(
        code=province_code(number),
        path=tree_path(root.path, number),
        depth=root.depth + 1,
        numchild=communes,
        kind=Committee.Kind.PROVINCE,
        name=f"{body} {place}",
        short_name=place,
        printed_name=f"{body} {place}".upper(),
        abbreviation="TU",
        place_name=place,
        recipients="Ban Tuyên giáo Trung ương,\nThường trực Tỉnh ủy,\nLưu.",
        signer_title="PHÓ BÍ THƯ",
        signer_name="Nguyễn Văn An",
    )
    party_body = f"ĐẢNG BỘ {'THÀNH PHỐ' if is_city else 'TỈNH'} {place.upper()}"
    units = [_commune(province, party_body, seq, cells_per_commune, rng) for seq in range(1, communes + 1)]
    return Province(province, units)


def video_sites(province: Province) -> list[VideoSite]:
    """One site for the province and one for each commune, in the order of ``Province.committees``."""
    sites = [_site(province.committee, "Hội trường Tỉnh ủy", screens=3)]
    sites += [_site(unit.committee, f"Hội trường Đảng ủy {unit.committee.short_name}") for unit in province.communes]
    return sites


def _commune(province: Committee, party_body: str, sequence: int, cells: int, rng: random.Random) -> Commune:
    locality = Committee.Locality.WARD if rng.random() < 0.2 else Committee.Locality.COMMUNE
    place = " ".join(rng.sample(SYLLABLES, 2))
    short_name = f"{locality} {place}"
    commune = Committee(
        code=f"{province.code}-x{sequence:03d}",
        path=tree_path(province.path, sequence),
        depth=province.depth + 1,
        numchild=cells,
        kind=Committee.Kind.GRASSROOTS,
        locality=locality,
        name=f"Đảng ủy {short_name}",
        short_name=short_name,
        printed_name=f"Đảng ủy {short_name}".upper(),
        superior_line=party_body,
        abbreviation="ĐU",
        place_name=place,
        non_member_staff=rng.randint(10, 40),
    )
    # One commune in five has a school and a health station whose cells report on their own.
    separate = 2 if cells >= 2 and rng.random() < 0.2 else 0
    hamlet = "khu phố" if locality == Committee.Locality.WARD else "thôn"
    names = [f"Trường THCS {place}", f"Trạm Y tế {short_name}"][:separate]
    names += [f"{hamlet} {number}" for number in range(1, cells - separate + 1)]
    unit = Commune(commune, [])
    for number, name in enumerate(names, start=1):
        cell = Committee(
            code=f"{commune.code}-c{number:02d}",
            path=tree_path(commune.path, number),
            depth=commune.depth + 1,
            numchild=0,
            kind=Committee.Kind.CELL,
            name=f"Chi bộ {name}",
            short_name=name,
            printed_name=f"Chi bộ {name}".upper(),
            superior_line=commune.printed_name.replace("ĐẢNG ỦY", "ĐẢNG BỘ"),
            abbreviation="CB",
            place_name=place,
            party_members=rng.randint(20, 190),
            non_member_staff=rng.randint(5, 30) if number <= separate else 0,
        )
        unit.cells.append(cell)
        if number <= separate:
            unit.reporting_cells.append(cell)
    return unit


def _site(committee: Committee, hall: str, screens: int = 1) -> VideoSite:
    return VideoSite(committee=committee, name=f"Điểm cầu {committee.short_name}", hall=hall, screens=screens)
