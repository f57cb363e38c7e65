"""The command line as a new user meets it: chat payloads, --compact, usage errors, logs, feeds list, .env."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from bot.render import DISCORD_FACTS_ID, SLACK_FACTS_ACTION
from tests.cli.test_cli import newsbrief, seed
from tests.paths import REPO
from tests.render.fixtures import first_message_words

LONGEST = max((REPO / "seeds").glob("*.txt"), key=lambda path: len(path.read_text(encoding="utf-8").split()))
# The cleaned-up opening of a story, pasted without a header or a headline.
HEADLESS = (
    "The town council voted 7 to 2 on Tuesday to spend $1.2 million keeping the winter ferry running.\n\n"
    "The mayor, Dana Whitfield, said the vote protected 300 commuters who cross the lake every morning.\n\n"
    "Opponents argued the money should have gone to road repairs on the north shore instead.\n"
)


def printed(*args: str, **kwargs) -> str:
    result = newsbrief(*args, **kwargs)
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout.decode()


def test_the_longest_seed_posts_under_200_words_and_a_more_facts_button_on_discord_and_slack():
    discord = json.loads(printed("brief", str(LONGEST), "--format", "discord"))
    slack = json.loads(printed("brief", str(LONGEST), "--format", "slack"))
    full = json.loads(printed("brief", str(LONGEST), "--format", "json"))
    assert first_message_words(discord[0]) < 200 and first_message_words(slack[0]) < 200
    [[button]] = [row["components"] for row in discord[0]["components"]]
    assert button["label"] == "More facts" and re.fullmatch(DISCORD_FACTS_ID, button["custom_id"])
    [slack_button] = slack[0]["blocks"][-1]["elements"]
    assert slack_button["action_id"] == SLACK_FACTS_ACTION and len(slack_button["value"]) == 64
    shown = json.dumps(discord[0]["embeds"])
    left_out = [p["name"] for p in full["facts"]["people"] if p["name"] not in shown]
    assert left_out, "the chat form leaves facts for the button"
    assert len(full["facts"]["quotes"]) > 2 and len(full["facts"]["dates"]) > 3  # JSON keeps every fact


def test_text_and_markdown_keep_the_whole_card_and_compact_gives_the_chat_form():
    whole, compact = printed("brief", str(LONGEST)), printed("brief", str(LONGEST), "--compact")
    assert len(compact.split()) < 200 < len(whole.split())
    assert "Lucía Torrez" in whole and "Lucía Torrez" not in compact
    markdown = printed("brief", str(LONGEST), "--format", "markdown")
    assert "Lucía Torrez" in markdown
    assert "Lucía Torrez" not in printed("brief", str(LONGEST), "--format", "markdown", "-c")


def test_a_text_without_header_or_headline_gets_no_invented_title():
    markdown = printed("brief", "-", "--format", "markdown", stdin=HEADLESS.encode())
    heading, rest = markdown.split("\n", 1)
    assert heading == "## Briefing"
    assert "The town council voted" not in heading and "- The town council voted" in rest
    assert json.loads(printed("brief", "-", "--format", "json", stdin=HEADLESS.encode()))["title"] is None
    [message] = json.loads(printed("brief", "-", "--format", "discord", stdin=HEADLESS.encode()))
    assert message["embeds"][0]["title"] == "Briefing"


@pytest.mark.parametrize(
    ("args", "complaint"),
    [(("digest", "-m", "0"), "choose between 1 and 25 stories"), (("digest", "-m", "-1"), "choose between 1 and 25"),
     (("digest", "--sentences", "0"), "choose between 1 and 50 sentences"),
     (("fetch", "--concurrency", "0"), "choose between 1 and 64"), (("digest", "-m", "two"), "'two' is not a whole number")],
)
def test_out_of_range_numbers_are_usage_errors(args, complaint, tmp_path):
    result = newsbrief(*args, env={"NEWSBRIEF_DATA_DIR": str(tmp_path)})
    errors = result.stderr.decode()
    assert result.returncode == 2 and result.stdout == b""
    assert errors.startswith("usage: newsbrief ") and complaint in errors


def test_a_copied_env_example_just_works(tmp_path):
    shutil.copy(REPO / ".env.example", tmp_path / ".env")
    result = newsbrief("digest", cwd=tmp_path, env={"PYTHONPATH": str(REPO), "NEWSBRIEF_DATA_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr.decode()
    assert "Your news digest" in result.stdout.decode() and result.stderr == b""


def test_log_lines_carry_a_timestamp_or_are_json_objects(tmp_path):
    # A new database logs its migrations at DEBUG: something to look at in each format.
    env = {"NEWSBRIEF_DATA_DIR": str(tmp_path / "text"), "NEWSBRIEF_LOG_LEVEL": "DEBUG"}
    text = newsbrief("feeds", "list", env=env).stderr.decode().splitlines()
    assert text and all(re.match(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3} [A-Z]+ \S+: ", line) for line in text)
    env = {**env, "NEWSBRIEF_DATA_DIR": str(tmp_path / "json"), "NEWSBRIEF_LOG_FORMAT": "json"}
    lines = newsbrief("feeds", "list", env=env).stderr.decode().splitlines()
    records = [json.loads(line) for line in lines]  # every line is one JSON object
    assert records and all(record.keys() >= {"time", "level", "logger", "message"} for record in records)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+00:00", records[0]["time"])
    refused = newsbrief("feeds", "list", env={**env, "NEWSBRIEF_LOG_FORMAT": "xml"})
    assert refused.returncode == 2 and "NEWSBRIEF_LOG_FORMAT" in refused.stderr.decode()


def test_feeds_list_piped_prints_one_tab_separated_line_per_feed(tmp_path):
    env = {"NEWSBRIEF_DATA_DIR": str(tmp_path)}
    long_url = "https://news.example.org/" + "section/" * 12 + "rss.xml?lang=en&edition=international"
    for url in (long_url, "https://feeds.example.com/world.xml"):
        printed("feeds", "add", url, "--no-check", env=env)
    lines = printed("feeds", "list", env=env).splitlines()
    assert sorted(line.split("\t") for line in lines) == [
        ["https://feeds.example.com/world.xml", "never polled", "0", "next fetch", "-", "-"],
        [long_url, "never polled", "0", "next fetch", "-", "-"],
    ]
    listed = {json.loads(line)["url"] for line in printed("feeds", "list", "--json", env=env).splitlines()}
    assert listed == {long_url, "https://feeds.example.com/world.xml"}


def test_lookup_in_chat_form_lists_compact_matches(tmp_path):
    env = {"NEWSBRIEF_DATA_DIR": str(tmp_path)}
    printed("run", env=env, stdin=f"/brief {seed('09')}\n".encode())
    compact = printed("lookup", "dockworkers", "--compact", env=env)
    assert compact.startswith("1 match for “dockworkers”:\n1. Antwerp Dockworkers") and "Key facts" not in compact
    [message] = json.loads(printed("lookup", "dockworkers", "--format", "slack", env=env))
    assert [b["accessory"]["text"]["text"] for b in message["blocks"] if "accessory" in b] == ["More facts · 1"]
    assert "Key facts" in printed("lookup", "dockworkers", env=env)  # the CLI's text keeps whole briefings
