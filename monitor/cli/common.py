"""Shared CLI plumbing: ``--config``, one-line errors, JSON output, consoles."""

from __future__ import annotations

import getpass
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click
from rich.console import Console

from graphs.yamlsrc import ConfigError
from monitor.paths import resolve_config_dir

F = TypeVar("F", bound=Callable[..., Any])

#: Exit codes: 1 = operation failed, 2 = bad input (usage, config); ``monitor run`` also
#: exits 74 (:data:`monitor.service.EXIT_UNWRITABLE`) when the database cannot be written.
EXIT_FAILED = 1
EXIT_BAD_INPUT = 2


class MonitorError(Exception):
    """An expected failure with a one-line reason for the user."""

    exit_code = EXIT_FAILED


class BadInput(MonitorError):
    exit_code = EXIT_BAD_INPUT


def console(stderr: bool = False) -> Console:
    """A rich console. Feed text must be printed with ``markup=False`` or as ``Text``."""
    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def fail(message: str, code: int = EXIT_FAILED) -> NoReturn:
    """Print ``monitor: error: <message>`` on stderr and exit with ``code``."""
    click.echo(f"monitor: error: {message}", err=True)
    sys.exit(code)


#: Shown at the end of every command's --help.
EXIT_STATUS_HELP = "Exit status: 0 done; 1 not found or the operation failed; 2 bad input (usage, config)."


class MonitorCommand(click.Command):
    """A command whose --help ends with the exit statuses (unless it states its own)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.epilog is None and "Exit status" not in (self.help or ""):
            self.epilog = EXIT_STATUS_HELP


class MonitorGroup(click.Group):
    """A group whose commands turn expected errors into one-line messages."""

    command_class = MonitorCommand

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.epilog is None:
            self.epilog = EXIT_STATUS_HELP

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ConfigError as exc:
            for problem in exc.problems:
                if problem.level == "error":
                    click.echo(f"monitor: error: {problem}", err=True)
            sys.exit(EXIT_BAD_INPUT)
        except MonitorError as exc:
            fail(str(exc), exc.exit_code)


def _set_config(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value is not None or "config_dir" not in (ctx.meta or {}):
        if value is not None or ctx.parent is None:
            ctx.meta["config_dir"] = resolve_config_dir(value)


def config_option(f: F) -> F:
    """``--config DIR`` on any command or group; the innermost given wins."""
    return click.option(
        "--config",
        "config",
        type=click.Path(file_okay=False, path_type=str),
        default=None,
        expose_value=False,
        is_eager=True,
        callback=_set_config,
        help="Config directory (default: $MONITOR_CONFIG or ./config).",
    )(f)


def config_dir() -> Path:
    """The config directory chosen for the running command."""
    ctx = click.get_current_context()
    return ctx.meta.get("config_dir") or resolve_config_dir(None)


def current_user() -> str:
    """The default of every ``--by`` option: the login name (``$USER`` in a container without one)."""
    try:
        return getpass.getuser()
    except Exception:  # no passwd entry in a container
        return os.environ.get("USER") or "unknown"


def json_option(f: F) -> F:
    """``--json``: one JSON document on stdout instead of text."""
    return click.option("--json", "as_json", is_flag=True, help="Print one JSON document instead of text.")(f)


def print_json(data: Any) -> None:
    """Machine output: one JSON document on stdout."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
