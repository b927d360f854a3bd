"""What the monitored population was last screened with besides the lists: the screening
method (algorithm, its configuration and the matching code), so that a delta rescreen knows
when only a full one can give the alerts the current method gives.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Null for populations screened before it was recorded: unknown, so rescreened in full.
    op.add_column("monitor_versions", sa.Column("method", sa.String(length=64), nullable=True))


def downgrade() -> None:
    op.drop_column("monitor_versions", "method")
