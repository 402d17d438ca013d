"""revisions: published vision revisions and the draft

Revision ID: revisions_0001
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "revisions_0001"
down_revision = "0001"
branch_labels = ("revisions",)
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "revisions_revision",
        sa.Column("number", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("dated", sa.Date(), nullable=False),
        sa.Column("published_at", TZ, nullable=False),
        sa.Column("published_by", sa.String(length=100), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("reference", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("dataset_sha256", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_revisions_revision")),
    )
    op.create_index(
        op.f("ix_revisions_revision_dataset_sha256"), "revisions_revision", ["dataset_sha256"]
    )
    op.create_table(
        "revisions_draft",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("base", sa.Integer(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_revisions_draft")),
    )


def downgrade() -> None:
    op.drop_table("revisions_draft")
    op.drop_index(op.f("ix_revisions_revision_dataset_sha256"), table_name="revisions_revision")
    op.drop_table("revisions_revision")
