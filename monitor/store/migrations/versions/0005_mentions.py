"""Tables ``mentions`` (which items named which node, by which publisher, when) and
``mention_coverage`` (since when mentions are counted: no burst before the baseline is whole).

The counts behind breaking-news bursts (``monitor/burst_stage.py``): one row per
(node, publisher, story), with the item's publication time; kept for the burst
baseline only (about eight days), pruned as new rows come in.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07 15:10:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = "0005"
down_revision: Union[str, Sequence[str], None] = "0004"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("node_id", sa.String(length=200), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("story", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["item_id"], ["items.id"], name=op.f("fk_mentions_item_id_items"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentions")),
        sa.UniqueConstraint("node_id", "source", "story", name="uq_mentions_node_source_story"),
    )
    with op.batch_alter_table("mentions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mentions_at"), ["at"], unique=False)
    op.create_table(
        "mention_coverage",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("since", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mention_coverage")),
    )


def downgrade() -> None:
    op.drop_table("mention_coverage")
    with op.batch_alter_table("mentions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mentions_at"))
    op.drop_table("mentions")
