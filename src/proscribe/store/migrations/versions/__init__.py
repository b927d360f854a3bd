"""The revisions, one file each, applied in order by Alembic (it skips this file)."""
