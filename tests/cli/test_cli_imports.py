"""A one-shot command imports only what it uses: the libraries that made cold starts slow stay out."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.models import Article, Briefing, Facts, Stats
from bot.storage import open_store
from tests.paths import REPO

# Each cost a cold start tens to hundreds of milliseconds to import (see the README's Speed section).
HEAVY = ("nltk", "numpy", "sqlalchemy", "alembic", "pydantic", "pydantic_settings", "requests", "asyncio", "rich",
         "httpx", "trafilatura", "apscheduler", "discord", "slack_bolt")


def _modules_loaded_by(data_dir: Path, *args: str) -> dict:
    code = (
        "import json, sys\n"
        "from bot.cli.main import main\n"
        f"status = main({list(args)!r})\n"
        f"print(json.dumps({{'status': status, 'loaded': [m for m in {HEAVY!r} if m in sys.modules]}}))\n"
    )
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO), "NEWSBRIEF_DATA_DIR": str(data_dir), "HOME": str(data_dir)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=data_dir, env=env,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_brief_as_json_loads_none_of_the_heavy_libraries(tmp_path):
    seed = next(iter(sorted((REPO / "seeds").glob("*.txt"))))
    outcome = _modules_loaded_by(tmp_path, "brief", str(seed), "--format", "json")
    assert outcome == {"status": 0, "loaded": []}


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_lookup_in_an_up_to_date_database_loads_no_database_library(tmp_path, fmt):
    store = open_store(f"sqlite:///{tmp_path / 'newsbrief.sqlite3'}")
    text = "The night ferry returns on Friday after the harbour fixed its pier."
    article = Article(text=text, title="Night ferry returns", url="https://news.example/night-ferry")
    store.articles.add_article(article, Briefing(title=article.title, summary=(text,), facts=Facts(), stats=Stats(12, 12)))
    store.close()
    outcome = _modules_loaded_by(tmp_path, "lookup", "ferry", "--format", fmt)
    assert outcome["status"] == 0
    # The terminal renderer needs rich; nothing needs SQLAlchemy, Alembic or the engine.
    assert [m for m in outcome["loaded"] if m != "rich" or fmt == "json"] == []
