"""vision tables

Revision ID: 0001
Revises:
Create Date: 2026-11-29 16:59:16.614909
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "municipality",
        sa.Column("code", sa.String(length=6), nullable=False),
        sa.Column("name", sa.String(length=20), nullable=False),
        sa.Column("reading", sa.String(length=40), nullable=False),
        sa.Column("name_en", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=1), nullable=False),
        sa.Column("is_hub", sa.Boolean(), nullable=False),
        sa.Column("population", sa.Integer(), nullable=False),
        sa.Column("households", sa.Integer(), nullable=False),
        sa.Column("area_km2", sa.Numeric(precision=10, scale=2), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_municipality")),
        sa.UniqueConstraint("name", name=op.f("uq_municipality_name")),
    )
    op.create_table(
        "pillar",
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("direction", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_pillar")),
    )
    op.create_table(
        "stat_table",
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("unit", sa.String(length=20), nullable=True),
        sa.Column("columns", sa.JSON(), nullable=False),
        sa.Column("rows", sa.JSON(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("as_of", sa.String(length=20), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_stat_table")),
    )
    op.create_table(
        "vision_dataset",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("area_name", sa.String(length=200), nullable=False),
        sa.Column("revision", sa.String(length=100), nullable=False),
        sa.Column("revisions", sa.JSON(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("population_as_of", sa.Date(), nullable=False),
        sa.Column("population_source", sa.Text(), nullable=False),
        sa.Column("prefecture_population", sa.Integer(), nullable=False),
        sa.Column("prefecture_households", sa.Integer(), nullable=False),
        sa.Column("prefecture_area_km2", sa.Numeric(precision=10, scale=2), nullable=False),
        sa.Column("source_name", sa.String(length=300), nullable=False),
        sa.Column("source_sha256", sa.String(length=64), nullable=False),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vision_dataset")),
    )
    op.create_table(
        "kpi",
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(length=8), nullable=False),
        sa.Column("pillar", sa.Integer(), nullable=False),
        sa.Column("policy", sa.Integer(), nullable=True),
        sa.Column("field", sa.String(length=1), nullable=True),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("unit", sa.String(length=40), nullable=False),
        sa.Column("baseline", sa.Numeric(precision=20, scale=4), nullable=False),
        sa.Column("baseline_period", sa.String(length=10), nullable=False),
        sa.Column("target_kind", sa.String(length=10), nullable=False),
        sa.Column("target", sa.Numeric(precision=20, scale=4), nullable=False),
        sa.Column("target_period", sa.String(length=10), nullable=False),
        sa.Column("base_period", sa.String(length=10), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["pillar"], ["pillar.number"], name=op.f("fk_kpi_pillar_pillar")),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_kpi")),
    )
    op.create_table(
        "policy",
        sa.Column("id", sa.String(length=8), nullable=False),
        sa.Column("pillar", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("direction", sa.Text(), nullable=False),
        sa.Column("agreement_category", sa.String(length=1), nullable=True),
        sa.Column("agreement_field", sa.String(length=40), nullable=True),
        sa.Column("agreement_content", sa.Text(), nullable=False),
        sa.Column("hub_role", sa.Text(), nullable=False),
        sa.Column("neighbour_role", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["pillar"], ["pillar.number"], name=op.f("fk_policy_pillar_pillar")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_policy")),
    )
    op.create_table(
        "initiative",
        sa.Column("id", sa.String(length=12), nullable=False),
        sa.Column("policy_id", sa.String(length=8), nullable=False),
        sa.Column("pillar", sa.Integer(), nullable=False),
        sa.Column("policy", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("all_members", sa.Boolean(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("roles", sa.Text(), nullable=False),
        sa.Column("hub_role", sa.Text(), nullable=False),
        sa.Column("neighbour_role", sa.Text(), nullable=False),
        sa.Column("cost_sharing", sa.Text(), nullable=False),
        sa.Column("schedule", sa.JSON(), nullable=False),
        sa.Column("budget_total", sa.Integer(), nullable=False),
        sa.Column("subsidies", sa.Text(), nullable=False),
        sa.Column("effect", sa.Text(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["policy_id"], ["policy.id"], name=op.f("fk_initiative_policy_id_policy")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_initiative")),
    )
    with op.batch_alter_table("initiative", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_initiative_policy_id"), ["policy_id"], unique=False)

    op.create_table(
        "budget",
        sa.Column("initiative_id", sa.String(length=12), nullable=False),
        sa.Column("fiscal_year", sa.Integer(), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["initiative_id"],
            ["initiative.id"],
            name=op.f("fk_budget_initiative_id_initiative"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("initiative_id", "fiscal_year", name=op.f("pk_budget")),
    )
    op.create_table(
        "participation",
        sa.Column("initiative_id", sa.String(length=12), nullable=False),
        sa.Column("municipality_code", sa.String(length=6), nullable=False),
        sa.ForeignKeyConstraint(
            ["initiative_id"],
            ["initiative.id"],
            name=op.f("fk_participation_initiative_id_initiative"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["municipality_code"],
            ["municipality.code"],
            name=op.f("fk_participation_municipality_code_municipality"),
        ),
        sa.PrimaryKeyConstraint(
            "initiative_id", "municipality_code", name=op.f("pk_participation")
        ),
    )
    with op.batch_alter_table("participation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_participation_municipality_code"), ["municipality_code"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("participation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_participation_municipality_code"))

    op.drop_table("participation")
    op.drop_table("budget")
    with op.batch_alter_table("initiative", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_initiative_policy_id"))

    op.drop_table("initiative")
    op.drop_table("policy")
    op.drop_table("kpi")
    op.drop_table("vision_dataset")
    op.drop_table("stat_table")
    op.drop_table("pillar")
    op.drop_table("municipality")
