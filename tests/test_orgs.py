"""Affiliation resolution: normalisation, alias and main-name matching, the unresolved tail."""

from __future__ import annotations

import pytest

from warehouse.orgs.rules import OrgResolver, affiliation_key, display_name

NAMES = {
    "unspecified": "Unspecified",
    "huawei": "Huawei",
    "futurewei": "Futurewei",
    "nec": "NEC",
    "nokia": "Nokia",
    "nokia-shanghai-bell": "Nokia Shanghai Bell",
    "cisco": "Cisco",
}
ALIASES = [
    ("Huawei", "huawei", "prefix"),
    ("Futurewei", "futurewei", "prefix"),
    ("Futurewei Technologies", "futurewei", "exact"),
    ("NEC", "nec", "prefix"),
    ("Nokia", "nokia", "prefix"),
    ("Nokia Shanghai Bell", "nokia-shanghai-bell", "prefix"),
    ("Cisco Systems", "cisco", "exact"),
    ("None", "unspecified", "exact"),
]


@pytest.fixture(scope="module")
def resolver() -> OrgResolver:
    return OrgResolver.from_aliases(ALIASES, NAMES, parents=[("futurewei", "huawei")])


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("Huawei Technologies Co., Ltd", "huawei technologies"),
        ("Huawei Technologies Co.,Ltd.", "huawei technologies"),
        ("Cisco Systems, Inc.", "cisco systems"),
        ("  Cisco   Systems  ", "cisco systems"),
        ("Ericsson AB", "ericsson"),
        ("Nokia Solutions and Networks GmbH & Co. KG", "nokia solutions and networks"),
        ("\uff28\uff55\uff41\uff57\uff45\uff49", "huawei"),  # full-width "Huawei"
        ("Juniper Networks, Inc", "juniper networks"),
        ("Acme Co", "acme"),
        ("Cisco", "cisco"),  # 'co' inside a word is not an ending
        ("Inc", "inc"),  # an ending alone is left as it is
    ],
)
def test_affiliation_key(raw, key):
    assert affiliation_key(raw) == key


def test_exact_alias(resolver):
    res = resolver.resolve("Cisco Systems, Inc.")
    assert (res.org_id, res.org_name, res.method) == ("cisco", "Cisco", "alias")


def test_prefix_on_word_boundary(resolver):
    assert resolver.resolve("Huawei Technologies Sweden AB").org_id == "huawei"
    assert resolver.resolve("NEC Laboratories Europe").org_id == "nec"
    assert resolver.resolve("NEC Corporation").org_id == "nec"
    # never inside a word
    assert resolver.resolve("Necessary Networks").method == "unresolved"
    assert resolver.resolve("Connection Ltd").method == "unresolved"
    assert resolver.resolve("Huaweiish").method == "unresolved"


@pytest.mark.parametrize(
    "raw", ["Huawei, Munich Research Center", "Huawei-India", "NEC/Japan", "Cisco Systems"]
)
def test_punctuation_right_after_a_main_name_is_a_word_boundary(resolver, raw):
    """The first word of "Huawei, Munich…" is "Huawei," as typed; it must still find Huawei."""
    res = resolver.resolve(raw)
    assert res.method in {"prefix", "alias"} and res.org_id in {"huawei", "nec", "cisco"}, res


def test_longest_prefix_and_exact_win(resolver):
    assert resolver.resolve("Nokia Shanghai Bell Co., Ltd").org_id == "nokia-shanghai-bell"
    assert resolver.resolve("Nokia Bell Labs").org_id == "nokia"
    assert resolver.resolve("Futurewei Technologies").method == "alias"


@pytest.mark.parametrize("raw", ["", "   ", "-", "--", "()", "."])
def test_nothing_typed_is_unspecified(resolver, raw):
    res = resolver.resolve(raw)
    assert (res.org_id, res.org_name, res.method) == ("unspecified", "Unspecified", "empty")


def test_none_typed_is_unspecified_through_its_alias(resolver):
    assert resolver.resolve("none").org_id == "unspecified"


def test_unresolved_spellings_share_the_most_common_name(resolver):
    counts = {"ACME networks": 1, "Acme Networks, Inc.": 5, "acme networks": 2, "Cisco": 3}
    out = {r.raw: r for r in resolver.resolve_all(counts)}
    assert {out[raw].org_name for raw in counts if raw != "Cisco"} == {"Acme Networks"}
    assert out["ACME networks"].org_id is None and out["ACME networks"].method == "unresolved"
    assert display_name("Acme Networks, Inc.") == "Acme Networks"


def test_resolution_is_idempotent_on_its_own_output(resolver):
    for raw in ["Huawei Technologies Co., Ltd", "Acme Networks, Inc.", "Cisco Systems"]:
        first = resolver.resolve(raw)
        again = resolver.resolve(first.org_name)
        assert again.org_id == first.org_id


@pytest.mark.parametrize(
    ("raw", "org_name"),
    [
        ("Ericson", "Ericsson"),
        ("Mcrosoft", "Microsoft"),
        ("Charter Communication", "Charter Communications"),
        ("Princeton Univeristy", "Princeton University"),
        ("Beijing Insitute of Technology", "Beijing Institute of Technology"),
    ],
)
def test_typing_slips_resolve_fuzzily(raw, org_name):
    from warehouse.orgs.reference import load_reference
    from warehouse.orgs.resolve import resolver_for

    res = resolver_for(load_reference()).resolve(raw)
    assert (res.org_name, res.method) == (org_name, "fuzzy")


@pytest.mark.parametrize(
    ("raw", "near_miss"),
    [
        ("UK Government", "US Government (other)"),  # one letter apart
        ("University of Trento", "University of Toronto"),  # two edits apart
        ("IIIT Delhi", "IIT Delhi"),  # not an IIT
        ("Nokai", "Nokia"),  # too short to trust
        ("Uganda Institute of Information and Communications Technology", None),
    ],
)
def test_near_misses_between_different_organizations_are_not_fuzzy_matches(raw, near_miss):
    """Curation may name these (UK Government is curated); the fuzzy layer never does."""
    from warehouse.orgs.reference import load_reference
    from warehouse.orgs.resolve import resolver_for

    res = resolver_for(load_reference()).resolve(raw)
    assert res.method != "fuzzy" and res.org_name != near_miss, res


@pytest.mark.parametrize(
    ("raw", "orgs"),
    [
        ("Cisco Systems / Futurewei", [("cisco", 0.5), ("futurewei", 0.5)]),
        ("Huawei and Nokia", [("huawei", 0.5), ("nokia", 0.5)]),
        (
            "Huawei; Cisco Systems; Nokia",
            [("huawei", 0.333334), ("cisco", 0.333333), ("nokia", 0.333333)],
        ),
        ("Huawei / Huawei Technologies", [("huawei", 1.0)]),  # one org: not joint
        ("Cisco Systems / Acme Widgets", None),  # a part that does not resolve: not split
        ("Cisco Systems, Futurewei", [("cisco", 0.5), ("futurewei", 0.5)]),
        ("Nokia - Cisco Systems", [("nokia", 0.5), ("cisco", 0.5)]),
        ("Cisco Systems, Inc.", None),  # a legal ending is not an organization
        ("Huawei, Munich Research Center", None),  # a unit nothing knows: one org
        ("Nokia / None", None),  # a part that names nothing is dropped
        ("Futurewei, Huawei", None),  # a unit beside its own parent is one place
    ],
)
def test_joint_affiliations_split_only_into_known_organizations(resolver, raw, orgs):
    parts = resolver.resolve_parts(raw)
    if orgs is None:
        assert len(parts) == 1
    else:
        assert [(p.org_id, float(p.weight)) for p in parts] == orgs
        assert sum(p.weight for p in parts) == 1
