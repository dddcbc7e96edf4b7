"""The ``monitor`` command line (click).

Each command group lives in its own module and registers itself on :data:`cli`
when imported. Modules are imported only when their command runs (or for
``--help``), so ``monitor status`` does not pay for matplotlib or Jinja2.
Every command takes ``--config DIR`` and exits non-zero with a one-line reason
on bad input (see :class:`monitor.cli.common.MonitorGroup`).
"""

from __future__ import annotations

import importlib
import os

import click

from monitor.cli.common import MonitorGroup, config_option

#: command name -> the modules that define it (and its subcommands).
COMMAND_MODULES: dict[str, tuple[str, ...]] = {
    "alerts": ("alerts",),
    "bench": ("bench",),
    "check": ("check",),
    "db": ("db",),
    "demo": ("demo",),
    "eval": ("evaluate",),
    "feeds": ("feeds",),
    "graph": ("graph", "simulate"),  # simulate adds `graph lint` and `graph draw`
    "init": ("init",),
    "run": ("run",),
    "simulate": ("simulate",),
    "status": ("run",),
    "watch": ("watch",),
}


class LazyRootGroup(MonitorGroup):
    """Imports a command's module the first time the command is looked up."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(COMMAND_MODULES) | set(self.commands))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        for module in COMMAND_MODULES.get(cmd_name, ()):
            importlib.import_module(f"monitor.cli.{module}")
        return self.commands.get(cmd_name)


@click.group(cls=LazyRootGroup, context_settings={"help_option_names": ["-h", "--help"]})
@config_option
@click.version_option(package_name="eu-supply-monitor", prog_name="monitor")
def cli() -> None:
    """Supply-chain disruption monitor for European industrial clusters."""


def main() -> None:
    # Owner-only files from here on: the database (webhook URLs with tokens), its
    # -wal/-shm, lock files, caches, exports. Set before anything is created.
    os.umask(0o077)
    from monitor.allocator import tune_allocator

    tune_allocator()  # before any feed is parsed (see monitor.allocator)
    cli(prog_name="monitor")
