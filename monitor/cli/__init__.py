"""The ``monitor`` command line (click).

Each command group lives in its own module; this module only assembles them.
Every command takes ``--config DIR`` and exits non-zero with a one-line reason
on bad input (see :func:`monitor.cli.common.run_guarded`).
"""

from __future__ import annotations

import click

from monitor.cli.common import MonitorGroup, config_option


@click.group(cls=MonitorGroup, context_settings={"help_option_names": ["-h", "--help"]})
@config_option
@click.version_option(package_name="eu-supply-monitor", prog_name="monitor")
def cli() -> None:
    """Supply-chain disruption monitor for European industrial clusters."""


def _register() -> None:
    # Imported for their side effect of adding commands to ``cli``.
    from monitor.cli import (  # noqa: F401
        alerts,
        bench,
        db,
        demo,
        evaluate,
        feeds,
        graph,
        run,
        simulate,
    )


_register()


def main() -> None:
    cli(prog_name="monitor")
