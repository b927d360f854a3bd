"""The initial schema: list versions, entity contents and the entities of each version.

Revision ID: 0001
Revises:
Create Date: 2026-11-29

Written out in full rather than imported from `schema.py`: a revision is a frozen record of what
it did, and must not change when the current schema moves on.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "list_versions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.Column("scope", sa.String(length=500), nullable=False),
        sa.Column("format", sa.String(length=100), nullable=False),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("date_basis", sa.String(length=20), nullable=False),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("record_count", sa.Integer(), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("files", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_list_versions"),
        sa.UniqueConstraint(
            "source", "scope", "sha256", name="uq_list_versions_source_scope_sha256"
        ),
    )
    op.create_table(
        "entity_contents",
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.Column("entity_id", sa.String(length=255), nullable=False),
        sa.Column("schema", sa.String(length=50), nullable=False),
        sa.Column("caption", sa.Text(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("content_hash", name="pk_entity_contents"),
    )
    op.create_table(
        "version_entities",
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.String(length=255), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["list_versions.id"],
            name="fk_version_entities_version_id_list_versions",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["content_hash"],
            ["entity_contents.content_hash"],
            name="fk_version_entities_content_hash_entity_contents",
        ),
        sa.PrimaryKeyConstraint("version_id", "entity_id", name="pk_version_entities"),
    )
    op.create_index("ix_version_entities_entity_id", "version_entities", ["entity_id"])


def downgrade() -> None:
    op.drop_table("version_entities")
    op.drop_table("entity_contents")
    op.drop_table("list_versions")
