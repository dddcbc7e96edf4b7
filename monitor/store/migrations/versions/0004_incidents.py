"""Incidents: one alert per target and incident, publication times, verdicts.

* ``alerts.types`` (all types of the incident, primary first),
  ``alerts.published_at`` (publication time of the latest evidence) and
  ``alerts.incident`` (which incident at the target the alert is on: 1, 2..);
* ``events.skipped`` (why a processed event joined no alert) and
  ``events.incident`` (which incident of its alert it joined);
* table ``verdicts`` (rejected story x target pairs).

Existing alerts are re-keyed on their target: per target the active alert
(the most severe, then the latest) keeps the new fingerprint and gets the
types of every active alert of that target; the other active alerts of the
target are resolved as merged into it (their pending notices cancelled,
their events moved to it). Resolved alerts keep their old fingerprint as
history.

Revision ID: 0004
Revises: 0002
Create Date: 2026-12-07 12:30:00

"""
import hashlib
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = "0004"
down_revision: Union[str, Sequence[str], None] = "0002"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

_SEVERITIES = ("low", "medium", "high", "critical")
#: causes first (as monitor.alerts.model.CAUSE_ORDER at the time of this migration)
_CAUSE_ORDER = (
    "conflict", "natural_disaster", "fire", "accident", "cyberattack", "strike", "insolvency",
    "trade_restriction", "lockdown", "blockage", "congestion", "outage", "shortage", "trade_drop",
)


def _fingerprint(target: str) -> str:
    return hashlib.sha256(f"incident|{target}".encode()).hexdigest()[:16]


def _rank(type_: str) -> int:
    return _CAUSE_ORDER.index(type_) if type_ in _CAUSE_ORDER else len(_CAUSE_ORDER)


def upgrade() -> None:
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("types", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("published_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("incident", sa.Integer(), server_default="1", nullable=False))
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("skipped", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("incident", sa.Integer(), nullable=True))
    op.create_table(
        "verdicts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("target", sa.String(length=400), nullable=False),
        sa.Column("story", sa.String(length=64), nullable=False),
        sa.Column("alert_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(length=40), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["alert_id"], ["alerts.id"], name=op.f("fk_verdicts_alert_id_alerts"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_verdicts")),
        sa.UniqueConstraint("target", "story", name="uq_verdicts_target_story"),
    )
    with op.batch_alter_table("verdicts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_verdicts_alert_id"), ["alert_id"], unique=False)
    _rekey()


def _rekey() -> None:
    bind = op.get_bind()
    alerts = sa.table(
        "alerts", sa.column("id", sa.Integer), sa.column("fingerprint", sa.String), sa.column("target", sa.String),
        sa.column("type", sa.String), sa.column("types", sa.JSON), sa.column("state", sa.String),
        sa.column("severity", sa.String), sa.column("last_seen", sa.DateTime(timezone=True)),
        sa.column("resolved_at", sa.DateTime(timezone=True)), sa.column("resolved_reason", sa.Text),
        sa.column("revision", sa.Integer),
    )
    events = sa.table("events", sa.column("alert_id", sa.Integer))
    deliveries = sa.table(
        "deliveries", sa.column("alert_id", sa.Integer), sa.column("status", sa.String),
        sa.column("last_error", sa.Text),
    )
    rows = list(bind.execute(sa.select(
        alerts.c.id, alerts.c.target, alerts.c.type, alerts.c.state, alerts.c.severity, alerts.c.last_seen,
        alerts.c.resolved_at,
    ).order_by(alerts.c.id)))
    by_target: dict[str, list] = {}
    for r in rows:
        by_target.setdefault(r.target, []).append(r)
    for target, group in by_target.items():
        active = [r for r in group if r.state != "resolved"]
        for r in group:
            bind.execute(alerts.update().where(alerts.c.id == r.id).values(types=[r.type]))
        pool = active or group
        keeper = max(pool, key=lambda r: (
            _SEVERITIES.index(r.severity) if r.severity in _SEVERITIES else 0, str(r.last_seen), r.id))
        types = sorted({r.type for r in (active or [keeper])}, key=_rank)
        bind.execute(alerts.update().where(alerts.c.id == keeper.id).values(
            fingerprint=_fingerprint(target), type=types[0], types=types))
        for r in active:
            if r.id == keeper.id:
                continue
            bind.execute(alerts.update().where(alerts.c.id == r.id).values(
                state="resolved", resolved_at=sa.func.coalesce(alerts.c.resolved_at, r.last_seen),
                resolved_reason=f"merged into alert {keeper.id} (one alert per incident)",
                revision=alerts.c.revision + 1,
            ))
            bind.execute(events.update().where(events.c.alert_id == r.id).values(alert_id=keeper.id))
            bind.execute(deliveries.update().where(
                deliveries.c.alert_id == r.id, deliveries.c.status == "pending",
            ).values(status="cancelled", last_error=f"merged into alert {keeper.id}"))


def downgrade() -> None:
    with op.batch_alter_table("verdicts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_verdicts_alert_id"))
    op.drop_table("verdicts")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_column("incident")
        batch_op.drop_column("skipped")
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.drop_column("incident")
        batch_op.drop_column("published_at")
        batch_op.drop_column("types")
