"""progress: KPI actuals, initiative reports, published fiscal years

Revision ID: progress_0001
Revises: accounts_0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "progress_0001"
down_revision = "accounts_0001"
branch_labels = ("progress",)
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "progress_kpi_actual",
        sa.Column("kpi_number", sa.Integer(), nullable=False),
        sa.Column("period", sa.Integer(), nullable=False),
        sa.Column("value", sa.Numeric(precision=20, scale=4), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("kpi_number", "period", name=op.f("pk_progress_kpi_actual")),
    )
    op.create_table(
        "progress_initiative_report",
        sa.Column("initiative_id", sa.String(length=12), nullable=False),
        sa.Column("fiscal_year", sa.Integer(), nullable=False),
        sa.Column("municipality_code", sa.String(length=6), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("spent", sa.Integer(), nullable=True),
        sa.Column("activities", sa.Text(), nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint(
            "initiative_id",
            "fiscal_year",
            "municipality_code",
            name=op.f("pk_progress_initiative_report"),
        ),
    )
    op.create_index(
        op.f("ix_progress_initiative_report_municipality_code"),
        "progress_initiative_report",
        ["municipality_code"],
    )
    op.create_table(
        "progress_publication",
        sa.Column("fiscal_year", sa.Integer(), nullable=False),
        sa.Column("published_at", TZ, nullable=False),
        sa.Column("published_by", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("fiscal_year", name=op.f("pk_progress_publication")),
    )


def downgrade() -> None:
    op.drop_table("progress_publication")
    op.drop_table("progress_initiative_report")
    op.drop_table("progress_kpi_actual")
