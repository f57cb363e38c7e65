"""The settings reader: types, bounds, precedence, `.env` lines and secrets, one behaviour per test."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Literal

import pytest

from bot.settings_reader import (
    Field,
    SecretStr,
    SettingError,
    SettingsGroup,
    field_validator,
    model_validator,
    read_env_file,
)

Mode = Literal["fast", "slow"]


class ExampleSettings(SettingsGroup):
    """A group using every kind of field newsbrief declares."""

    env_prefix: ClassVar[str] = "EXAMPLE_"

    count: int = Field(3, ge=1, le=20)
    ratio: float = Field(0.5, gt=0)
    enabled: bool = False
    folder: Path = Field(default_factory=lambda: Path("/tmp/example"))
    url: str | None = Field(None, validation_alias="EXAMPLE_LINK")
    mode: Mode | None = None
    token: SecretStr | None = None

    @field_validator("mode", mode="before")
    @classmethod
    def _lowercase(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value


def test_defaults_apply_when_nothing_is_given():
    settings = ExampleSettings.read({})
    assert (settings.count, settings.ratio, settings.enabled, settings.url, settings.mode) == (3, 0.5, False, None, None)
    assert settings.folder == Path("/tmp/example")


def test_strings_become_the_declared_types():
    settings = ExampleSettings.read(
        {"EXAMPLE_COUNT": " 7 ", "EXAMPLE_RATIO": "2.5", "EXAMPLE_ENABLED": "yes", "EXAMPLE_FOLDER": "/srv/x"}
    )
    assert (settings.count, settings.ratio, settings.enabled, settings.folder) == (7, 2.5, True, Path("/srv/x"))


@pytest.mark.parametrize(("raw", "value"), [("1", True), ("true", True), ("On", True), ("0", False), ("no", False)])
def test_booleans_read_the_usual_spellings(raw, value):
    assert ExampleSettings.read({"EXAMPLE_ENABLED": raw}).enabled is value


@pytest.mark.parametrize(
    ("variable", "raw", "problem"),
    [
        ("EXAMPLE_COUNT", "0", "greater than or equal to 1"),
        ("EXAMPLE_COUNT", "21", "less than or equal to 20"),
        ("EXAMPLE_COUNT", "many", "valid integer"),
        ("EXAMPLE_RATIO", "-1", "greater than 0"),
        ("EXAMPLE_ENABLED", "perhaps", "valid boolean"),
        ("EXAMPLE_MODE", "sideways", "'fast' or 'slow'"),
    ],
)
def test_a_bad_value_names_its_variable_and_the_problem(variable, raw, problem):
    with pytest.raises(SettingError) as raised:
        ExampleSettings.read({variable: raw})
    assert raised.value.variable == variable
    assert problem in raised.value.problem


def test_a_before_validator_sees_the_raw_value():
    assert ExampleSettings.read({"EXAMPLE_MODE": " FAST "}).mode == "fast"


def test_an_alias_replaces_the_prefixed_name():
    assert ExampleSettings.env_names()["EXAMPLE_LINK"] == "url"
    assert ExampleSettings.read({"EXAMPLE_LINK": "https://example.com"}).url == "https://example.com"


def test_given_values_beat_the_environment_which_beats_the_env_file():
    given, environment, dotenv = {"EXAMPLE_COUNT": "5"}, {"EXAMPLE_COUNT": "6", "EXAMPLE_RATIO": "2"}, {
        "EXAMPLE_COUNT": "7", "EXAMPLE_RATIO": "3", "EXAMPLE_ENABLED": "1"
    }
    settings = ExampleSettings.read(given, environment, dotenv)
    assert (settings.count, settings.ratio, settings.enabled) == (5, 2.0, True)


def test_an_empty_value_in_the_environment_means_not_set():
    assert ExampleSettings.read({}, {"EXAMPLE_COUNT": ""}, {"EXAMPLE_COUNT": "9"}).count == 9


def test_secrets_stay_out_of_reprs():
    settings = ExampleSettings.read({"EXAMPLE_TOKEN": "hunter2"})
    assert settings.token is not None and settings.token.get_secret_value() == "hunter2"
    assert "hunter2" not in repr(settings) and "hunter2" not in str(settings.token)


def test_settings_are_frozen():
    settings = ExampleSettings.read({})
    with pytest.raises(AttributeError):
        settings.count = 4


def test_env_file_lines_are_read_like_dotenv(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text(
        "# a comment\n"
        "export EXAMPLE_COUNT=4\n"
        "example_ratio = 1.5 # inline comment\n"
        "EXAMPLE_LINK=\"https://example.com/a#b\"\n"
        "EXAMPLE_MODE='slow'\n"
        "EXAMPLE_ENABLED=\n"
        "not a setting line\n"
    )
    assert read_env_file(env_file) == {
        "EXAMPLE_COUNT": "4", "EXAMPLE_RATIO": "1.5", "EXAMPLE_LINK": "https://example.com/a#b",
        "EXAMPLE_MODE": "slow", "EXAMPLE_ENABLED": "",
    }


def test_a_missing_env_file_is_no_settings(tmp_path):
    assert read_env_file(tmp_path / "absent.env") == {}


class PairSettings(SettingsGroup):
    """A group with a list value and a check across its fields."""

    env_prefix: ClassVar[str] = "PAIR_"

    total: int | None = Field(None, ge=1)
    picked: tuple[int, ...] | None = None

    @field_validator("picked", mode="before")
    @classmethod
    def _comma_list(cls, value: object) -> object:
        if isinstance(value, str):
            if not all(part.strip().isdigit() for part in value.split(",")):
                raise ValueError("give numbers separated by commas")
            return tuple(int(part) for part in value.split(","))
        return value

    @model_validator(mode="after")
    def _picked_fit_the_total(self) -> PairSettings:
        if self.picked and (self.total is None or max(self.picked) >= self.total):
            raise ValueError("PAIR_PICKED needs PAIR_TOTAL above each number")
        return self


def test_a_tuple_setting_converts_each_item():
    assert PairSettings.read({"PAIR_TOTAL": "4", "PAIR_PICKED": ["3", 1]}).picked == (3, 1)


def test_a_tuple_setting_refuses_text_no_hook_turned_into_items():
    class Plain(SettingsGroup):
        env_prefix: ClassVar[str] = "PLAIN_"
        items: tuple[int, ...] = ()

    with pytest.raises(SettingError, match="valid tuple"):
        Plain.read({"PLAIN_ITEMS": "1,2"})


def test_a_value_error_in_a_before_hook_is_the_setting_s_problem():
    with pytest.raises(SettingError) as raised:
        PairSettings.read({"PAIR_TOTAL": "4", "PAIR_PICKED": "one"})
    assert (raised.value.variable, raised.value.problem) == ("PAIR_PICKED", "Value error, give numbers separated by commas")


def test_a_check_across_fields_runs_after_them_and_names_no_single_variable():
    with pytest.raises(SettingError) as raised:
        PairSettings.read({"PAIR_PICKED": "0,5", "PAIR_TOTAL": "5"})
    assert raised.value.variable is None and raised.value.problem == "PAIR_PICKED needs PAIR_TOTAL above each number"
    assert PairSettings.read({"PAIR_PICKED": "0,4", "PAIR_TOTAL": "5"}).picked == (0, 4)


def test_a_field_problem_is_reported_before_the_check_across_fields():
    with pytest.raises(SettingError) as raised:
        PairSettings.read({"PAIR_PICKED": "1", "PAIR_TOTAL": "0"})
    assert raised.value.variable == "PAIR_TOTAL"


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("1.5", "Input should be a valid integer, unable to parse string as an integer"),
        ("many", "Input should be a valid integer, unable to parse string as an integer"),
    ],
)
def test_text_that_is_no_number_is_worded_as_pydantic_words_it(raw, problem):
    with pytest.raises(SettingError) as raised:
        ExampleSettings.read({"EXAMPLE_COUNT": raw})
    assert raised.value.problem == problem


def test_a_literal_lists_its_choices_with_commas_and_a_final_or():
    class Level(SettingsGroup):
        env_prefix: ClassVar[str] = "LEVEL_"
        value: Literal["low", "mid", "high"] = "low"

    with pytest.raises(SettingError) as raised:
        Level.read({"LEVEL_VALUE": "max"})
    assert raised.value.problem == "Input should be 'low', 'mid' or 'high'"
