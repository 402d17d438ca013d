"""costs: population sets, usage uploads and usage records

Revision ID: costs_0001
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "costs_0001"
down_revision = "0001"
branch_labels = ("costs",)
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "costs_population_set",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("origin", sa.String(length=10), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_costs_population_set")),
        sa.UniqueConstraint("name", name=op.f("uq_costs_population_set_name")),
    )
    op.create_table(
        "costs_population",
        sa.Column("set_id", sa.Integer(), nullable=False),
        sa.Column("municipality_code", sa.String(length=6), nullable=False),
        sa.Column("population", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["set_id"],
            ["costs_population_set.id"],
            name=op.f("fk_costs_population_set_id_costs_population_set"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("set_id", "municipality_code", name=op.f("pk_costs_population")),
    )
    op.create_table(
        "costs_usage_upload",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("fiscal_year", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=300), nullable=False),
        sa.Column("record_count", sa.Integer(), nullable=False),
        sa.Column("uploaded_at", TZ, nullable=False),
        sa.Column("uploaded_by", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_costs_usage_upload")),
    )
    op.create_table(
        "costs_usage_record",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("upload_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("fiscal_year", sa.Integer(), nullable=False),
        sa.Column("provider", sa.String(length=6), nullable=False),
        sa.Column("facility", sa.String(length=200), nullable=False),
        sa.Column("period", sa.String(length=40), nullable=False),
        sa.Column("municipality_code", sa.String(length=6), nullable=False),
        sa.Column("quantity", sa.String(length=40), nullable=False),
        sa.Column("row", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["upload_id"],
            ["costs_usage_upload.id"],
            name=op.f("fk_costs_usage_record_upload_id_costs_usage_upload"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_costs_usage_record")),
        sa.UniqueConstraint(
            "kind",
            "fiscal_year",
            "provider",
            "facility",
            "period",
            "municipality_code",
            name="uq_costs_usage_record_key",
        ),
    )
    op.create_index(op.f("ix_costs_usage_record_upload_id"), "costs_usage_record", ["upload_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_costs_usage_record_upload_id"), table_name="costs_usage_record")
    op.drop_table("costs_usage_record")
    op.drop_table("costs_usage_upload")
    op.drop_table("costs_population")
    op.drop_table("costs_population_set")
