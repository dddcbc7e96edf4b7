"""``monitor graph ...``: validate, show, export, import (lint and draw: see analysis)."""

from __future__ import annotations

import click

from monitor.cli import cli
from monitor.cli.common import MonitorGroup, config_option


@cli.group("graph", cls=MonitorGroup)
@config_option
def graph_group() -> None:
    """Validate, inspect, export and draw the value-chain graph."""
