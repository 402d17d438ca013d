"""progress: a snapshot of each published year's report (inputs, figures, HTML, PDF)

Revision ID: progress_0002
Revises: progress_0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "progress_0002"
down_revision = "progress_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "progress_report_snapshot",
        sa.Column("fiscal_year", sa.Integer(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_by", sa.String(length=100), nullable=False),
        sa.Column("inputs", sa.JSON(), nullable=False),
        sa.Column("inputs_sha256", sa.String(length=64), nullable=False),
        sa.Column("figures", sa.JSON(), nullable=False),
        sa.Column("html", sa.Text(), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=True),
        sa.Column("pdf_sha256", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("fiscal_year", name=op.f("pk_progress_report_snapshot")),
    )


def downgrade() -> None:
    op.drop_table("progress_report_snapshot")
