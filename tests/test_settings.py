"""Settings: grouped, read once from the environment and `.env`, with every variable name still accepted."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.settings import Settings, SettingsError, load_settings
from tests.kit import subprocess_env
from tests.paths import REPO

# Every variable the settings read, as the README's settings table names them.
README_SETTING = re.compile(r"^\| `([A-Z_]+)` \|", re.MULTILINE)


def test_each_group_reads_its_own_variables():
    settings = load_settings(
        env_file=None, NEWSBRIEF_SUMMARY_SENTENCES="4", DATABASE_URL="sqlite://", NEWSBRIEF_FETCH_TIMEOUT="2.5",
        NEWSBRIEF_DIGEST_MAX_ITEMS="7", DISCORD_GUILD_ID="42", SLACK_HTTP_PORT="0",
    )
    assert settings.core.summary_sentences == 4
    assert settings.storage.resolved_database_url == "sqlite://"
    assert settings.fetching.timeout == 2.5
    assert settings.digests.max_items == 7
    assert settings.discord.guild_id == 42 and not settings.discord.configured
    assert settings.slack.http_port == 0 and settings.chat_platforms() == []


def test_the_environment_is_read_and_tokens_stay_secret(monkeypatch):
    monkeypatch.setenv("DISCORD_TOKEN", "  discord-secret  ")
    monkeypatch.setenv("NEWSBRIEF_LOG_LEVEL", "debug")
    settings = load_settings(env_file=None)
    assert settings.discord.configured and settings.chat_platforms() == ["discord"]
    assert settings.core.log_level == "DEBUG"
    assert "discord-secret" not in repr(settings)


def test_empty_values_in_a_dot_env_mean_not_set(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("DISCORD_GUILD_ID=\nNEWSBRIEF_DATA_DIR=\nNEWSBRIEF_FETCH_TIMEOUT=\nSLACK_BOT_TOKEN=\n")
    settings = load_settings(env_file=env_file)
    assert settings.discord.guild_id is None
    assert settings.storage.data_dir.name == "newsbrief"
    assert settings.fetching.timeout == 20.0
    assert not settings.slack.configured


def test_a_bad_value_names_its_variable(tmp_path):
    with pytest.raises(SettingsError, match=r"^the setting NEWSBRIEF_FETCH_TIMEOUT is invalid: .*greater than 0"):
        load_settings(env_file=None, NEWSBRIEF_FETCH_TIMEOUT="-1")
    with pytest.raises(SettingsError, match="DISCORD_GUILD_ID"):
        load_settings(env_file=None, DISCORD_GUILD_ID="the newsroom")


def test_an_override_for_no_setting_is_a_programming_error():
    with pytest.raises(TypeError, match="NEWSBRIEF_NO_SUCH_THING"):
        load_settings(env_file=None, NEWSBRIEF_NO_SUCH_THING="1")


def test_the_readme_settings_table_lists_exactly_the_settings():
    assert set(README_SETTING.findall((REPO / "README.md").read_text())) == set(Settings.env_names())


@pytest.fixture
def copied_env_example(tmp_path) -> Path:
    """A working directory holding `.env.example` copied to `.env`, as the README tells people to do."""
    folder = tmp_path / "work"
    folder.mkdir()
    shutil.copy(REPO / ".env.example", folder / ".env")
    return folder


def test_a_copied_env_example_works_as_it_is(copied_env_example, tmp_path):
    env = subprocess_env(tmp_path / "data")
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli.main", "digest", "--format", "json"],
        cwd=copied_env_example, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert '"items": [' in result.stdout


def test_the_log_level_set_in_dot_env_takes_effect_for_run(copied_env_example, tmp_path):
    env_file = copied_env_example / ".env"
    env_file.write_text(env_file.read_text().replace("NEWSBRIEF_LOG_LEVEL=\n", "NEWSBRIEF_LOG_LEVEL=DEBUG\n"))
    env = subprocess_env(tmp_path / "data")
    assert "NEWSBRIEF_LOG_LEVEL" not in env
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli.main", "run"], input="/status\n",
        cwd=copied_env_example, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Status of this channel" in result.stdout
    assert re.search(r"^[\d-]+ [\d:,]+ DEBUG ", result.stderr, re.MULTILINE), result.stderr


def test_run_logs_at_info_and_one_shot_commands_at_warning_by_default(copied_env_example, tmp_path):
    env = subprocess_env(tmp_path / "data")
    run = subprocess.run(
        [sys.executable, "-m", "bot.cli.main", "run"], input="", cwd=copied_env_example, env=env,
        capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert re.search(r"^[\d-]+ [\d:,]+ INFO newsbrief.app: newsbrief \S+ is running on console$", run.stderr, re.MULTILINE)
    assert "DEBUG" not in run.stderr and "apscheduler" not in run.stderr  # libraries' routine chatter stays out
    listed = subprocess.run(
        [sys.executable, "-m", "bot.cli.main", "feeds", "list"], cwd=copied_env_example, env=env,
        capture_output=True, text=True, timeout=120,
    )
    assert listed.returncode == 0 and listed.stderr == ""


def test_an_invalid_setting_is_one_line_naming_it(tmp_path):
    env = {**subprocess_env(tmp_path / "data"), "NEWSBRIEF_POLL_MINUTES": "often"}
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli.main", "feeds", "list"], cwd=tmp_path, env=env,
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("newsbrief: the setting NEWSBRIEF_POLL_MINUTES is invalid:")
    assert len(result.stderr.strip().splitlines()) == 1


def test_no_environment_variable_is_read_at_import():
    # Settings are built once at start-up: importing the modules must not need any of them.
    code = "import os; os.environ['NEWSBRIEF_POLL_MINUTES'] = 'x'; import bot.app, bot.cli.main, bot.factory"
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, env={**os.environ}, capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr
