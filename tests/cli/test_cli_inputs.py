"""Bounded, honest input from the command line (subprocesses, as a user runs them): devices and FIFOs are
refused at once, saved pages are read as pages, mis-encoded text is repaired or refused, other languages
are named, and a reader that closes the pipe early is no error for any command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.storage import open_store
from tests.cli.test_cli import newsbrief
from tests.fakes import content
from tests.paths import REPO

# What the refusals may cost at most, measured from outside.
SECONDS = 20
PEAK_RSS_MB = 300

RUSSIAN = (
    "Городской совет утвердил в среду новый бюджет на следующий год после долгих споров. "
    "Мэр заявил журналистам, что большая часть денег пойдёт на ремонт дорог и мостов. "
    "Оппозиция считает, что расходы на транспорт слишком велики, и обещает добиваться пересмотра."
)
CHINESE = (
    "市议会周三批准了新的渡轮补贴计划，该计划将使夜间航班延长至午夜。"
    "市长在会后对记者表示，这将帮助数千名通勤者更方便地回家。"
    "反对派议员则认为，这笔钱应该用于修复去年冬天被风暴损坏的港口防波堤。"
)


def brief_measured(path: str) -> tuple[subprocess.CompletedProcess, int]:
    """Run `newsbrief brief PATH` in a child and return it with its peak memory (RSS, MB)."""
    probe = (
        "import resource, subprocess, sys\n"
        f"done = subprocess.run([sys.executable, '-m', 'bot.cli.main', 'brief', {path!r}], capture_output=True, "
        f"timeout={SECONDS})\n"
        "sys.stdout.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024) + '\\n')\n"
        "sys.stderr.write(done.stderr.decode())\n"
        "sys.exit(done.returncode)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, cwd=REPO, timeout=2 * SECONDS)
    return result, int(result.stdout.decode().strip() or 0)


def test_dev_zero_is_refused_in_one_line_at_once_and_small():
    result, peak_mb = brief_measured("/dev/zero")
    lines = result.stderr.decode().strip().splitlines()
    assert result.returncode != 0
    assert lines == ["newsbrief: /dev/zero: The file '/dev/zero' is a device, not a text file."]
    assert peak_mb < PEAK_RSS_MB


def test_a_fifo_with_no_writer_is_refused_without_waiting_for_one(tmp_path):
    fifo = tmp_path / "feed.fifo"
    os.mkfifo(fifo)
    result, peak_mb = brief_measured(str(fifo))
    [line] = result.stderr.decode().strip().splitlines()
    assert result.returncode != 0
    assert "is a named pipe (FIFO)" in line and "newsbrief brief -" in line
    assert peak_mb < PEAK_RSS_MB


def test_standard_input_stays_allowed_and_bounded():
    result = subprocess.run(
        f"head -c 6000000 /dev/zero | {sys.executable} -m bot.cli.main brief -", shell=True, capture_output=True,
        cwd=REPO, timeout=SECONDS,
    )
    assert result.returncode != 0
    assert result.stderr.decode().strip().splitlines() == ["newsbrief: -: Standard input is larger than 5 MB."]


def test_a_saved_web_page_is_briefed_like_a_page(tmp_path):
    page = tmp_path / "story.txt"  # the extension says text; the content says HTML
    page.write_bytes(content.article_page("story-1"))
    result = newsbrief("brief", str(page), "--format", "json")
    assert result.returncode == 0, result.stderr.decode()
    briefing = json.loads(result.stdout)
    assert briefing["title"].startswith("Riverside ferry returns after winter repairs")
    assert "<" not in briefing["title"] and not any("<" in s or "Subscribe" in s for s in briefing["summary"])
    assert any("Ilse Marrow" in s or "ferry" in s for s in briefing["summary"])


def test_a_windows_1251_file_is_decoded_and_its_language_named(tmp_path):
    path = tmp_path / "budget.txt"
    path.write_bytes(RUSSIAN.encode("cp1251"))
    result = newsbrief("brief", str(path))
    assert result.returncode != 0
    assert result.stderr.decode().strip() == (
        f"newsbrief: {path}: This looks like Russian; newsbrief briefs English articles only."
    )


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_chinese_text_is_named_as_chinese(tmp_path, encoding):
    path = tmp_path / "ferry.txt"
    path.write_bytes(CHINESE.encode(encoding))
    result = newsbrief("brief", str(path))
    assert result.stderr.decode().strip() == (
        f"newsbrief: {path}: This looks like Chinese; newsbrief briefs English articles only."
    )


def test_bytes_in_no_readable_encoding_are_refused_plainly(tmp_path):
    path = tmp_path / "odd.txt"
    path.write_bytes(b"Ferry news " + bytes(range(0xA0, 0x100)) * 4)
    result = newsbrief("brief", str(path))
    [line] = result.stderr.decode().strip().splitlines()
    assert result.returncode != 0
    assert "no other encoding fits it" in line or "binary file" in line


@pytest.fixture
def data_dir_with_feeds(tmp_path) -> Path:
    store = open_store(f"sqlite:///{tmp_path / 'newsbrief.sqlite3'}")
    try:
        for number in range(50):
            store.feeds.add_feed(f"https://feeds.example/{number}.xml")
    finally:
        store.close()
    return tmp_path


@pytest.mark.parametrize(
    "arguments",
    [
        ("feeds", "list", "--json"),
        ("feeds", "list"),
        ("brief", "seeds/01-diplomacy-summit.txt", "--format", "json"),
        ("digest", "--format", "markdown"),
        ("lookup", "ferry"),
    ],
)
def test_a_reader_that_closes_the_pipe_early_is_no_error(data_dir_with_feeds, arguments):
    env = {**os.environ, "NO_COLOR": "1", "NEWSBRIEF_DATA_DIR": str(data_dir_with_feeds)}
    child = subprocess.Popen([sys.executable, "-m", "bot.cli.main", *arguments], cwd=REPO, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # like `| head -c 0`: gone before the first byte is written
    stderr = child.stderr.read().decode()
    assert child.wait(timeout=60) == 0, stderr
    assert stderr == ""
