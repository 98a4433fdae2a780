"""Imports run one way: flows → report → warehouse → scrapers, and inside the warehouse
from the loads down to the store (docs/architecture.md). Every import counts, at the top
of a module or inside a function: a deferred import against the direction is still one."""

from __future__ import annotations

import ast
from pathlib import Path

from flows.settings import PROJECT_ROOT

LAYERS = ("scrapers", "warehouse", "report", "flows")  # each may import those before it
# inside warehouse/: each package may import the packages of lower rank (and itself)
WAREHOUSE_RANK = {
    "store": 0,
    "orgs": 1,
    "nomcom": 1,
    "blocs": 1,
    "outputs": 1,
    "derived": 2,
    "loads": 3,
}


def project_imports() -> list[tuple[str, str, int]]:
    """(importing module, imported project module, line) for every import in the code."""
    found = []
    for layer in LAYERS:
        for path in sorted((PROJECT_ROOT / layer).rglob("*.py")):
            module = ".".join(path.relative_to(PROJECT_ROOT).with_suffix("").parts)
            package = module.removesuffix(".__init__")
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names: list[str] = []
                if isinstance(node, ast.ImportFrom):
                    if node.level:  # relative: resolve against the importing package
                        base = package.split(".")
                        if path.name != "__init__.py":
                            base = base[:-1]
                        base = base[: len(base) - node.level + 1]
                        names = [".".join([*base, *([node.module] if node.module else [])])]
                    elif node.module:
                        names = [node.module]
                elif isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                found += [(module, n, node.lineno) for n in names if n.split(".")[0] in LAYERS]
    return found


def against_the_direction(imports: list[tuple[str, str, int]]) -> list[str]:
    wrong = []
    for importer, imported, line in imports:
        source, target = importer.split(".")[0], imported.split(".")[0]
        where = f"{importer}:{line} imports {imported}"
        if LAYERS.index(target) > LAYERS.index(source):
            wrong.append(f"{where} ({source}/ may not import {target}/)")
            continue
        if source == target == "warehouse":
            mine, theirs = importer.split(".")[1], [*imported.split("."), ""][1]
            ranked = mine in WAREHOUSE_RANK and theirs in WAREHOUSE_RANK and mine != theirs
            if ranked and WAREHOUSE_RANK[theirs] >= WAREHOUSE_RANK[mine]:
                wrong.append(f"{where} (warehouse/{mine} may not import warehouse/{theirs})")
    return wrong


def test_every_import_runs_down_the_layers():
    assert against_the_direction(project_imports()) == []


def test_every_warehouse_module_sits_in_a_package_of_known_rank():
    loose = [p.name for p in (PROJECT_ROOT / "warehouse").glob("*.py") if p.name != "__init__.py"]
    assert loose == []
    packages = {p.name for p in (PROJECT_ROOT / "warehouse").iterdir()
                if (p / "__init__.py").exists()}  # fmt: skip
    assert packages == set(WAREHOUSE_RANK)


def test_the_archive_does_not_reach_back_to_the_client():
    imports = project_imports()
    assert [i for i in imports if i[0] == "scrapers.archive" and i[1] == "scrapers.http"] == []


def test_the_check_catches_an_import_against_the_direction():
    wrong = against_the_direction(
        [
            ("scrapers.http", "warehouse.store.db", 3),
            ("warehouse.store.db", "warehouse.orgs.rules", 5),
            ("warehouse.orgs.rules", "warehouse.nomcom.pool", 7),
            ("report.page", "flows.cli", 9),
            ("warehouse.loads.ietf", "warehouse.derived.steps", 11),  # allowed: down
            ("flows.cli", "scrapers.http", 13),  # allowed: down
        ]
    )
    assert wrong == [
        "scrapers.http:3 imports warehouse.store.db (scrapers/ may not import warehouse/)",
        "warehouse.store.db:5 imports warehouse.orgs.rules "
        "(warehouse/store may not import warehouse/orgs)",
        "warehouse.orgs.rules:7 imports warehouse.nomcom.pool "
        "(warehouse/orgs may not import warehouse/nomcom)",
        "report.page:9 imports flows.cli (report/ may not import flows/)",
    ]


def test_every_package_says_what_it_owns_and_may_import():
    silent = []
    for init in sorted(Path(PROJECT_ROOT).glob("*/**/__init__.py")):
        parts = init.relative_to(PROJECT_ROOT).parts
        if parts[0] not in LAYERS:
            continue
        text = init.read_text(encoding="utf-8")
        doc = ast.get_docstring(ast.parse(text)) or ""
        if "import" not in doc.lower():
            silent.append(str(init.relative_to(PROJECT_ROOT)))
    assert silent == []
