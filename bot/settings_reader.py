"""The machinery under `bot.settings`: typed setting groups read from overrides, the environment and `.env`.

A group declares its settings as annotated class attributes, pydantic-style:
`timeout: float = Field(20.0, gt=0)`, `token: SecretStr | None = None`, with
`field_validator(..., mode="before")` hooks and `model_validator(mode="after")` checks across
fields. Types understood: str, int, float, bool, Path, SecretStr, Literal[...], tuple[T, ...] and
any of them `| None`. Reading follows pydantic-settings' rules for what newsbrief uses: variable
names are case-insensitive, an empty value means unset, overrides beat the environment, which
beats the `.env` file, which beats the default; problems are worded as pydantic words them.
"""

from __future__ import annotations

import inspect
import operator
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Literal, Self

_MISSING: Any = object()
_TRUE = frozenset(("1", "true", "t", "yes", "y", "on"))
_FALSE = frozenset(("0", "false", "f", "no", "n", "off"))


class SecretStr:
    """A value kept out of reprs and logs; `get_secret_value()` hands it over."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def get_secret_value(self) -> str:
        """Return the secret itself."""
        return self._value

    def __repr__(self) -> str:
        return "SecretStr('**********')" if self._value else "SecretStr('')"

    def __str__(self) -> str:
        return "**********" if self._value else ""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SecretStr) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


@dataclass(frozen=True)
class _FieldInfo:
    default: Any = _MISSING
    default_factory: Callable[[], Any] | None = None
    gt: float | None = None
    ge: float | None = None
    lt: float | None = None
    le: float | None = None
    validation_alias: str | None = None


def Field(  # noqa: N802 - named and called like pydantic's Field, which the declarations read as
    default: Any = _MISSING,
    *,
    default_factory: Callable[[], Any] | None = None,
    gt: float | None = None,
    ge: float | None = None,
    lt: float | None = None,
    le: float | None = None,
    validation_alias: str | None = None,
) -> Any:
    """Describe a setting: its default and bounds, and its variable when it does not follow the group prefix."""
    return _FieldInfo(default, default_factory, gt, ge, lt, le, validation_alias)


def field_validator(*names: str, mode: Literal["before"] = "before") -> Callable[[Any], Any]:
    """Mark a classmethod that turns a raw value of the named settings into the value to check."""

    def mark(method: Any) -> Any:
        method.__settings_validates__ = names
        return method

    del mode  # only "before" hooks exist: they see the raw value, before it is converted and checked
    return mark


def model_validator(*, mode: Literal["after"] = "after") -> Callable[[Any], Any]:
    """Mark a method that checks the filled group as a whole; a ValueError it raises is the problem."""

    def mark(method: Any) -> Any:
        method.__settings_checks_group__ = True
        return method

    del mode  # only "after" checks exist: they see the converted, bounded values of every field
    return mark


class SettingError(ValueError):
    """One setting's value cannot be used, or (variable None) settings that do not fit together."""

    def __init__(self, variable: str | None, problem: str) -> None:
        super().__init__(f"{variable}: {problem}" if variable else problem)
        self.variable = variable
        self.problem = problem


@dataclass(frozen=True)
class _Setting:
    name: str
    variable: str
    kind: Any
    info: _FieldInfo


class SettingsGroup:
    """One concern's settings; subclasses set `env_prefix` and declare their fields."""

    env_prefix: ClassVar[str] = ""
    _settings: ClassVar[tuple[_Setting, ...]] = ()
    _hooks: ClassVar[dict[str, list[Callable[[Any], Any]]]] = {}
    _checks: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        settings = []
        for name, kind in _own_annotations(cls).items():
            if name.startswith("_") or typing.get_origin(kind) is ClassVar or name == "env_prefix":
                continue
            value = cls.__dict__.get(name, _MISSING)
            info = value if isinstance(value, _FieldInfo) else _FieldInfo(default=value)
            variable = (info.validation_alias or cls.env_prefix + name).upper()
            settings.append(_Setting(name, variable, kind, info))
        cls._settings = tuple(settings)
        cls._hooks = {}
        checks = []
        for attribute_name, attribute in vars(cls).items():
            for name in getattr(attribute, "__settings_validates__", ()):
                cls._hooks.setdefault(name, []).append(getattr(cls, attribute_name))
            if getattr(attribute, "__settings_checks_group__", False):
                checks.append(attribute_name)
        cls._checks = tuple(checks)

    def __init__(self, **values: Any) -> None:
        given = {setting.variable: values[setting.name] for setting in self._settings if setting.name in values}
        self._fill(given)

    @classmethod
    def read(cls, given: Mapping[str, Any], *sources: Mapping[str, str]) -> Self:
        """Build the group from values keyed by upper-case variable name: given ones, else the first source's."""
        found: dict[str, Any] = {}
        for setting in cls._settings:
            if setting.variable in given:
                found[setting.variable] = given[setting.variable]
                continue
            for source in sources:
                value = source.get(setting.variable)
                if value:  # an empty value in the environment or `.env` means "not set"
                    found[setting.variable] = value
                    break
        group = cls.__new__(cls)
        group._fill(found)
        return group

    @classmethod
    def env_names(cls) -> dict[str, str]:
        """Return {environment variable: field name} for every field of the group."""
        return {setting.variable: setting.name for setting in cls._settings}

    def _fill(self, found: Mapping[str, Any]) -> None:
        for setting in self._settings:
            if setting.variable in found:
                raw = self._hooked(setting, found[setting.variable])
                value = _checked(setting, _converted(setting, raw, setting.kind))
            elif setting.info.default_factory is not None:
                value = setting.info.default_factory()
            elif setting.info.default is not _MISSING:
                value = setting.info.default
            else:
                raise SettingError(setting.variable, "Field required")
            object.__setattr__(self, setting.name, value)
        for check in self._checks:
            try:
                getattr(self, check)()
            except SettingError:
                raise
            except ValueError as error:
                raise SettingError(None, str(error)) from None

    def _hooked(self, setting: _Setting, value: Any) -> Any:
        """Return the raw value as the setting's `field_validator` hooks leave it."""
        for hook in self._hooks.get(setting.name, ()):
            try:
                value = hook(value)
            except SettingError:
                raise
            except ValueError as error:
                raise SettingError(setting.variable, f"Value error, {error}") from None
        return value

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: settings are read once at start-up")

    def __repr__(self) -> str:
        shown = ", ".join(f"{s.name}={getattr(self, s.name)!r}" for s in self._settings)
        return f"{type(self).__name__}({shown})"

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, s.name) == getattr(other, s.name) for s in self._settings)

    def __hash__(self) -> int:
        return hash(tuple(getattr(self, s.name) for s in self._settings))


def _own_annotations(cls: type) -> dict[str, Any]:
    """Return the class's own annotations as types (they are strings under `from __future__ import annotations`)."""
    return inspect.get_annotations(cls, eval_str=True)


def _converted(setting: _Setting, value: Any, kind: Any) -> Any:
    """Turn a raw value (usually a string from the environment) into the declared type."""
    origin, arguments = typing.get_origin(kind), typing.get_args(kind)
    if origin is types.UnionType or origin is typing.Union:
        if value is None and type(None) in arguments:
            return None
        choices = [argument for argument in arguments if argument is not type(None)]
        return _converted(setting, value, choices[0])
    if origin is Literal:
        if value not in arguments:
            choices = [repr(argument) for argument in arguments]
            allowed = ", ".join(choices[:-1]) + " or " + choices[-1] if len(choices) > 1 else choices[0]
            raise SettingError(setting.variable, f"Input should be {allowed}")
        return value
    if origin is tuple:
        if len(arguments) != 2 or arguments[1] is not Ellipsis:
            raise TypeError(f"setting {setting.name}: only tuples of one item type are supported, not {kind!r}")
        if not isinstance(value, list | tuple):
            raise SettingError(setting.variable, "Input should be a valid tuple")
        return tuple(_converted(setting, item, arguments[0]) for item in value)
    converter = _CONVERTERS.get(kind)
    if converter is None:
        raise TypeError(f"setting {setting.name}: unsupported type {kind!r}")
    try:
        return converter(value)
    except (TypeError, ValueError):
        problem = _TYPE_PROBLEMS[kind]
        if isinstance(value, str) and kind in _TEXT_PROBLEMS:
            problem += _TEXT_PROBLEMS[kind]
        raise SettingError(setting.variable, problem) from None


def _to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(text)


def _to_int(value: Any) -> int:
    if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
        raise ValueError(value)
    return int(value.strip() if isinstance(value, str) else value)


def _to_float(value: Any) -> float:
    if isinstance(value, bool):
        raise ValueError(value)
    return float(value.strip() if isinstance(value, str) else value)


def _to_str(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(value)
    return value


def _to_path(value: Any) -> Path:
    return value if isinstance(value, Path) else Path(_to_str(value))


def _to_secret(value: Any) -> SecretStr:
    return value if isinstance(value, SecretStr) else SecretStr(_to_str(value))


_CONVERTERS: dict[Any, Callable[[Any], Any]] = {
    bool: _to_bool, int: _to_int, float: _to_float, str: _to_str, Path: _to_path, SecretStr: _to_secret,
}
_TYPE_PROBLEMS = {
    bool: "Input should be a valid boolean",
    int: "Input should be a valid integer",
    float: "Input should be a valid number",
    str: "Input should be a valid string",
    Path: "Input is not a valid path",
    SecretStr: "Input should be a valid string",
}
# What pydantic adds when the value was text it could not read.
_TEXT_PROBLEMS = {
    bool: ", unable to interpret input",
    int: ", unable to parse string as an integer",
    float: ", unable to parse string as a number",
}


def _checked(setting: _Setting, value: Any) -> Any:
    info = setting.info
    if value is None:
        return value
    bounds = (
        (info.gt, operator.gt, "greater than"),
        (info.ge, operator.ge, "greater than or equal to"),
        (info.lt, operator.lt, "less than"),
        (info.le, operator.le, "less than or equal to"),
    )
    for limit, holds, words in bounds:
        if limit is not None and not holds(value, limit):
            raise SettingError(setting.variable, f"Input should be {words} {limit}")
    return value


def read_env_file(path: str | Path) -> dict[str, str]:
    """Return the `KEY=value` lines of a `.env` file (upper-case keys), or nothing when it does not exist.

    Understood: `#` comments, an `export ` prefix, values in single or double quotes, and a ` #`
    comment after an unquoted value. `${VAR}` is not expanded.
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return {}
    return dict(_env_lines(text.splitlines()))


def _env_lines(lines: Iterable[str]) -> Iterable[tuple[str, str]]:
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        if line.startswith("export "):
            line = line[len("export ") :].lstrip()
        key, _, value = line.partition("=")
        yield key.strip().upper(), _env_value(value.strip())


def _env_value(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        inner = value[1:-1]
        return inner.replace("\\n", "\n").replace('\\"', '"') if value[0] == '"' else inner
    comment = value.find(" #")
    return value[:comment].rstrip() if comment >= 0 else value
