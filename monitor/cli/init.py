"""``monitor init DIR``: write an editable copy of the packaged default config."""

from __future__ import annotations

import shutil
from pathlib import Path

import click

from monitor.cli import cli
from monitor.cli.common import EXIT_BAD_INPUT, fail, json_option, print_json
from monitor.paths import default_config_dir

#: Never copied: caches, databases and dot-files a source checkout may hold.
_IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", "*.db", "*.db-*", "*.sqlite*", ".*")


def init_config(target: Path, *, force: bool = False) -> list[Path]:
    """Copy the default config into ``target``; return the files written.

    Refuses (``FileExistsError``) if ``target`` exists and is not empty,
    unless ``force``, in which case same-named files are overwritten and other
    files are left alone.
    """
    source = default_config_dir()
    if target.exists() and not target.is_dir():
        raise FileExistsError(f"{target} exists and is not a directory")
    if target.is_dir() and any(target.iterdir()) and not force:
        raise FileExistsError(f"{target} exists and is not empty (use --force to overwrite its defaults)")
    shutil.copytree(source, target, ignore=_IGNORE, dirs_exist_ok=True)
    return sorted(p for p in target.rglob("*") if p.is_file())


@cli.command("init")
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Write into a non-empty DIR, overwriting the default files.")
@json_option
def init_command(directory: Path, force: bool, as_json: bool) -> None:
    """Write an editable copy of the default config (graph, feeds, lexicon) to DIRECTORY.

    DIRECTORY is the config directory to create, so there is no --config.
    """
    try:
        files = init_config(directory, force=force)
    except FileExistsError as exc:
        fail(str(exc), EXIT_BAD_INPUT)
    except FileNotFoundError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"cannot write {directory}: {exc.strerror or exc}")
    graph_files = [f for f in files if f.parent.name == "graph" or "graph" in f.relative_to(directory).parts[:-1]]
    shown = directory.as_posix()
    if as_json:
        print_json({"directory": shown, "files": [f.relative_to(directory).as_posix() for f in files],
                    "graph_files": len(graph_files)})
        return
    click.echo(f"wrote the default config to {shown} ({len(files)} files, {len(graph_files)} graph files)")
    click.echo("next steps:")
    click.echo(f"  edit {shown}/monitor.yaml and {shown}/feeds.yaml     database, SMTP, subscriptions, sources")
    click.echo(f"  monitor check --config {shown}             check every file after editing (before a reload, too)")
    click.echo(f"  monitor graph show --config {shown}        what the graph holds, per ecosystem")
    click.echo(f"  monitor run --once --config {shown}        one fetch-tag-alert cycle (or export MONITOR_CONFIG={shown})")
