"""Reading articles from files and standard input, with a header block and with every input error."""

from __future__ import annotations

import io
import os
from datetime import UTC, date, datetime

import pytest

from bot.errors import UserError
from bot.sources.files import MAX_BYTES, parse_article_text, read_article_file, read_stdin_article

BODY = "A ferry ran aground near Pellston on Sunday.\n\nNobody was hurt, officials said."


def test_text_without_header_is_all_body():
    article = parse_article_text(BODY)
    assert article.text == BODY
    assert article.title is None and article.published is None


def test_header_fields_are_read_and_removed_from_the_body():
    raw = (
        "Title: Ferry Aground\nSource: Pellston Daily\nURL: https://example.org/ferry\n"
        "Published: 2024-05-04T09:30:00Z\nAuthor: Rita Olsen\n\n" + BODY
    )
    article = parse_article_text(raw)
    assert article.text == BODY
    assert article.title == "Ferry Aground"
    assert article.source == "Pellston Daily"
    assert article.url == "https://example.org/ferry"
    assert article.published == datetime(2024, 5, 4, 9, 30, tzinfo=UTC)
    assert article.author == "Rita Olsen"


def test_header_with_a_date_only():
    article = parse_article_text("Published: 2024-05-04\n\n" + BODY)
    assert article.published is not None and article.published.date() == date(2024, 5, 4)


def test_a_first_paragraph_with_an_unknown_key_is_body_not_header():
    raw = "Warning: strong winds expected.\n\n" + BODY
    assert parse_article_text(raw).text == raw


def test_bad_published_date_is_a_user_error_naming_the_input():
    with pytest.raises(UserError, match=r"Published date in notes\.txt"):
        parse_article_text("Published: last Tuesday\n\n" + BODY, name="notes.txt")


def test_header_without_body_is_a_user_error():
    with pytest.raises(UserError, match="has no article text"):
        parse_article_text("Title: Ferry Aground\n\n  \n")


def test_reads_utf8_file(tmp_path):
    path = tmp_path / "ferry.txt"
    path.write_text("Title: Café owners\n\n" + BODY, encoding="utf-8")
    article = read_article_file(path)
    assert article.title == "Café owners"
    assert article.text == BODY


def test_reads_utf8_file_with_byte_order_mark(tmp_path):
    path = tmp_path / "ferry.txt"
    path.write_bytes("\ufeffTitle: Ferry\n\n".encode() + BODY.encode())
    assert read_article_file(str(path)).title == "Ferry"


def test_reads_windows_1252_file_with_smart_quotes(tmp_path):
    path = tmp_path / "ferry.txt"
    path.write_bytes("“Nobody was hurt,” the captain said.\n".encode("cp1252"))
    assert read_article_file(path).text == "“Nobody was hurt,” the captain said."


def test_missing_file(tmp_path):
    with pytest.raises(UserError, match="does not exist") as error:
        read_article_file(tmp_path / "nope.txt")
    assert "nope.txt" in str(error.value)


def test_directory(tmp_path):
    with pytest.raises(UserError, match="is a directory"):
        read_article_file(tmp_path)


def test_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text(BODY)

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    # Tests run as root in CI, where chmod cannot make a file unreadable; refuse the open instead.
    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(UserError, match="cannot be read: permission denied"):
        read_article_file(path)


def test_binary_file_with_nul_bytes(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(UserError, match="binary"):
        read_article_file(path)


def test_binary_file_of_control_characters(tmp_path):
    path = tmp_path / "blob.txt"
    path.write_bytes(bytes(range(1, 9)) * 50 + b"some text")
    with pytest.raises(UserError, match="binary"):
        read_article_file(path)


def test_file_over_five_megabytes_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: the size check must come before any read
    with pytest.raises(UserError, match="larger than 5 MB"):
        read_article_file(path)


def test_not_utf8_and_not_sane_windows_1252(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes(bytes(range(0xA0, 0x100)) * 4)
    with pytest.raises(UserError, match="not UTF-8"):
        read_article_file(path)


def test_undecodable_bytes(tmp_path):
    path = tmp_path / "odd.txt"
    path.write_bytes(b"Ferry news \x81\x8d\x8f\x90\x9d")
    with pytest.raises(UserError, match="not UTF-8"):
        read_article_file(path)


@pytest.mark.parametrize("content", [b"", b"  \n\t\n  "])
def test_empty_or_whitespace_file(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(UserError, match="is empty"):
        read_article_file(path)


def test_stdin_text_stream():
    article = read_stdin_article(io.StringIO("Title: Ferry\n\n" + BODY))
    assert article.title == "Ferry" and article.text == BODY


def test_stdin_binary_stream():
    assert read_stdin_article(io.BytesIO(BODY.encode())).text == BODY


def test_stdin_empty():
    with pytest.raises(UserError, match="Standard input is empty"):
        read_stdin_article(io.StringIO(""))


def test_stdin_too_large():
    with pytest.raises(UserError, match="Standard input is larger than 5 MB"):
        read_stdin_article(io.BytesIO(b"a" * (MAX_BYTES + 1)))


def test_a_file_whose_size_is_misreported_is_still_read_no_further_than_the_limit(tmp_path, monkeypatch):
    path = tmp_path / "growing.txt"
    path.write_bytes(b"The council met again today. " * 200_000)  # about 5.8 MB
    real_stat = os.stat

    def small_on_paper(target, *args, **kwargs):
        info = real_stat(target, *args, **kwargs)
        # Like /proc files or a file still being written: st_size says 0.
        return os.stat_result((*info[:6], 0, *info[7:10]))

    monkeypatch.setattr(os, "stat", small_on_paper)
    with pytest.raises(UserError, match="larger than 5 MB"):
        read_article_file(path)


def test_a_named_pipe_is_refused_before_it_is_opened(tmp_path):
    fifo = tmp_path / "news.fifo"
    os.mkfifo(fifo)  # no writer: opening it for reading the ordinary way would wait for ever
    with pytest.raises(UserError, match=r"is a named pipe \(FIFO\), not a file"):
        read_article_file(fifo)


def test_a_device_is_refused():
    with pytest.raises(UserError, match="is a device, not a text file"):
        read_article_file("/dev/zero")


def test_a_saved_web_page_is_extracted_like_a_fetched_one(tmp_path):
    from tests.fakes.content import STORIES, article_page

    path = tmp_path / "page.html"
    path.write_bytes(article_page("story-2"))
    article = read_article_file(path)
    title, paragraphs = STORIES["story-2"]
    assert article.title.startswith(title)
    assert paragraphs[0] in article.text
    assert "<p>" not in article.text and "newsletter" not in article.text


def test_a_file_in_a_legacy_encoding_is_decoded_in_it(tmp_path):
    text = "Городской совет утвердил бюджет на следующий год после долгих споров. Мэр заявил, что деньги пойдут на дороги."
    path = tmp_path / "budget.txt"
    path.write_bytes(text.encode("cp1251"))
    assert read_article_file(path).text == text
@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Tue, 24 Nov 2026 08:30:00 +0000", datetime(2026, 11, 24, 8, 30, tzinfo=UTC)),  # RFC 2822, as feeds write it
        ("24 November 2026", datetime(2026, 11, 24)),
        ("November 24, 2026", datetime(2026, 11, 24)),
        ("Nov. 24, 2026 8:30 AM", datetime(2026, 11, 24, 8, 30)),
        ("Tuesday, 24 November 2026", datetime(2026, 11, 24)),
        ("24.11.2026", datetime(2026, 11, 24)),
        ("2026-11-24T08:30:00+01:00", datetime(2026, 11, 24, 7, 30, tzinfo=UTC)),
    ],
)
def test_published_dates_are_read_as_people_and_feeds_write_them(written, expected):
    assert parse_article_text(f"Published: {written}\n\n" + BODY).published == expected


@pytest.mark.parametrize(
    ("written", "complaint"),
    [("November 2026", "not a date I can read"), ("24 November", "not a date I can read"),
     ("Mon, 32 Nov 2026", "not a date I can read"), ("03/04/2026", "could be read day-first or month-first")],
)
def test_vague_or_ambiguous_published_dates_are_refused_with_the_forms_that_work(written, complaint):
    with pytest.raises(UserError, match=complaint) as refused:
        parse_article_text(f"Published: {written}\n\n" + BODY, name="notes.txt")
    assert "24 November 2026" in refused.value.message and "notes.txt" in refused.value.message
