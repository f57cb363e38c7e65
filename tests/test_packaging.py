"""The distribution ships every package and the bundled seeds."""

from __future__ import annotations

import tomllib

from tests.paths import REPO


def _declared_packages() -> set[str]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text())
    return set(config["tool"]["setuptools"]["packages"])


def test_every_python_package_in_the_tree_is_declared():
    found = {
        ".".join(init.parent.relative_to(REPO).parts)
        for folder in ("bot", "adapters")
        for init in (REPO / folder).rglob("__init__.py")
    }
    assert found <= _declared_packages(), f"add to pyproject: {sorted(found - _declared_packages())}"


def test_bundled_seeds_are_found():
    from bot.seeds import seed_paths

    paths = seed_paths()
    assert len(paths) >= 8
    assert all(p.suffix == ".txt" and p.stat().st_size > 0 for p in paths)


def test_env_example_documents_every_setting():
    from bot.settings import Settings

    names = set(Settings.env_names())
    documented = {
        line.split("=", 1)[0]
        for line in (REPO / ".env.example").read_text().splitlines()
        if line and not line.startswith("#") and "=" in line
    }
    assert names == documented
