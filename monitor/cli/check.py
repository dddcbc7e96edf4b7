"""``monitor check [--config DIR] [--json]``: validate the whole config before a (re)load.

Like ``promtool check config`` or ``nginx -t``: reads everything ``monitor run``
would load and prints every problem, one per line, as ``FILE:LINE: message``
with FILE relative to the config directory.
"""

from __future__ import annotations

import re
import sys

import click

from monitor.check import check_config
from monitor.cli import cli
from monitor.cli.common import EXIT_BAD_INPUT, config_dir, config_option, print_json

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


@cli.command("check")
@config_option
@click.option("--json", "as_json", is_flag=True, help="One JSON document: ok, counts, every problem.")
def check_command(as_json: bool) -> None:
    """Validate monitor.yaml, feeds.yaml, lexicon.yaml and graph/ as the daemon would.

    Prints every problem at once as FILE:LINE: message (FILE relative to the
    config directory), at the line of the offending value. Run it before
    `systemctl reload monitor`.

    Exit status: 0 when the config is usable (warnings allowed), 2 when it has
    errors (the daemon would refuse it and keep its last good config).
    """
    cfg = config_dir()
    result = check_config(cfg)
    if as_json:
        print_json(result.to_dict())
        sys.exit(0 if result.ok else EXIT_BAD_INPUT)
    for problem in result.problems:
        click.echo(_CONTROL.sub("?", str(problem)))
    errors, warnings = len(result.errors), len(result.warnings)
    if not result.ok:
        click.echo(f"{cfg}: config invalid: {_plural(errors, 'error')}, {_plural(warnings, 'warning')}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    counts = result.summary()
    click.echo(
        f"{cfg}: config OK ({_plural(warnings, 'warning')}): "
        f"graph {counts.get('nodes', 0)} nodes, {counts.get('edges', 0)} edges, "
        f"{counts.get('ecosystems', 0)} ecosystems; "
        f"{_plural(counts.get('news_feeds', 0), 'news feed')}, {_plural(counts.get('trade_feeds', 0), 'trade feed')}; "
        f"{_plural(counts.get('subscriptions', 0), 'subscription')}; "
        f"lexicon {_plural(counts.get('disruption_types', 0), 'disruption type')}"
    )
