"""registers: entries of the shared registers, and the registers already seeded

Revision ID: registers_0001
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "registers_0001"
down_revision = "0001"
branch_labels = ("registers",)
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "registers_entry",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("register", sa.String(length=40), nullable=False),
        sa.Column("municipality_code", sa.String(length=6), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registers_entry")),
    )
    op.create_index(
        "ix_registers_entry_register_municipality",
        "registers_entry",
        ["register", "municipality_code"],
    )
    op.create_table(
        "registers_seeded",
        sa.Column("register", sa.String(length=40), nullable=False),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.Column("seeded_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("register", name=op.f("pk_registers_seeded")),
    )


def downgrade() -> None:
    op.drop_table("registers_seeded")
    op.drop_index("ix_registers_entry_register_municipality", table_name="registers_entry")
    op.drop_table("registers_entry")
