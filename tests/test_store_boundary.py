"""All SQL lives in ``monitor/store/`` (DESIGN.md, issue #17).

An AST walk over ``monitor/``, ``feeds/`` and ``graphs/``: outside
``monitor/store/`` no module may import SQL constructs from SQLAlchemy
(``select``, ``update``, ``text``, ``func``, ``and_`` ...; anything from
``sqlalchemy.sql`` or ``sqlalchemy.dialects``; the ``sqlalchemy`` module itself,
whose attributes are those constructs) nor run statements (``.execute(``,
``.scalars(``, ``.scalar(``, ``exec_driver_sql``, ``session.query`` and the ORM
unit of work on a session). Types such as ``Engine``, ``Session`` and
``sessionmaker`` and ``make_url`` are fine: they carry no SQL.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("monitor", "feeds", "graphs")
STORE = "monitor/store/"

#: Modules whose SQL has not moved into monitor/store/ yet. This list must only
#: ever shrink (it is empty since #17): a module that is clean fails the test until
#: it is struck off, and a new one cannot be added without the reviewer seeing it here.
ALLOWED: frozenset[str] = frozenset()

#: what SQLAlchemy exports to build statements
SQL_CONSTRUCTS = frozenset({
    "select", "insert", "update", "delete", "text", "func", "and_", "or_", "not_", "bindparam", "literal",
    "literal_column", "column", "table", "case", "cast", "exists", "union", "union_all", "intersect", "except_",
    "join", "outerjoin", "tuple_", "true", "false", "null", "distinct", "desc", "asc", "nulls_first",
    "nulls_last", "over", "within_group", "lambda_stmt", "values", "type_coerce", "collate", "between",
    "any_", "all_", "extract", "label", "alias", "lateral", "cte", "Select", "Insert", "Update", "Delete",
    "TextClause",
})
#: calls that run SQL, on any receiver
EXECUTING = frozenset({"execute", "scalars", "scalar", "exec_driver_sql", "executemany"})
#: calls that run SQL through an ORM session (receiver named like one)
SESSION_CALLS = frozenset({"query", "add", "add_all", "merge", "delete", "flush", "get", "refresh"})


def _receiver_name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _is_session(name: str) -> bool:
    return name in ("session", "sess") or name.endswith("_session")


def violations(source: str, where: str) -> list[str]:
    """``where:line: what`` for each use of SQL in ``source``."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source, filename=where)):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            mod = node.module
            if mod == "sqlalchemy" or mod.startswith("sqlalchemy."):
                whole = mod.startswith(("sqlalchemy.sql", "sqlalchemy.dialects", "sqlalchemy.future"))
                names = [a.name for a in node.names if whole or a.name == "*" or a.name in SQL_CONSTRUCTS]
                if names:
                    found.append(f"{where}:{node.lineno}: imports {', '.join(names)} from {mod}")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "sqlalchemy" or alias.name.startswith(("sqlalchemy.sql", "sqlalchemy.dialects")):
                    found.append(f"{where}:{node.lineno}: imports the module {alias.name}")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            attr = node.func.attr
            if attr in EXECUTING or (attr in SESSION_CALLS and _is_session(_receiver_name(node.func.value))):
                found.append(f"{where}:{node.lineno}: calls .{attr}(")
    return found


def _modules() -> list[tuple[str, Path]]:
    out = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if not rel.startswith(STORE):
                out.append((rel, path))
    return out


def test_sql_lives_only_in_monitor_store() -> None:
    found = []
    for rel, path in _modules():
        if rel not in ALLOWED:
            found += violations(path.read_text(encoding="utf-8"), rel)
    assert not found, "SQL outside monitor/store/ (move it into a store function):\n" + "\n".join(found)


def test_the_allowlist_only_shrinks() -> None:
    present = {rel for rel, _ in _modules()}
    clean = sorted(rel for rel in ALLOWED
                   if rel in present and not violations((ROOT / rel).read_text(encoding="utf-8"), rel))
    gone = sorted(ALLOWED - present)
    assert not clean and not gone, f"strike these off ALLOWED in {Path(__file__).name}: {clean + gone}"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from sqlalchemy import Engine, select\n", "x.py:1: imports select from sqlalchemy"),
        ("import os\nfrom sqlalchemy.dialects import sqlite\n", "x.py:2: imports sqlite from sqlalchemy.dialects"),
        ("import sqlalchemy as sa\n", "x.py:1: imports the module sqlalchemy"),
        ("def f(session):\n    return session.scalars(q)\n", "x.py:2: calls .scalars("),
        ("def f(conn):\n    conn.execute(q)\n", "x.py:2: calls .execute("),
        ("def f(self):\n    self.session.query(Feed)\n", "x.py:2: calls .query("),
        ("def f(session):\n    session.add(row)\n", "x.py:2: calls .add("),
    ],
)
def test_a_planted_violation_is_named_by_file_and_line(source: str, expected: str) -> None:
    assert violations(source, "x.py") == [expected]


def test_types_and_plain_calls_are_not_sql() -> None:
    source = (
        "from sqlalchemy import Engine\n"
        "from sqlalchemy.orm import Session, sessionmaker\n"
        "from sqlalchemy.engine import make_url\n"
        "def f(d, pool):\n"
        "    d.get('k'); pool.submit(f); d.add(1)\n"
    )
    assert violations(source, "x.py") == []
