"""The tables of the store, as SQLAlchemy Core metadata.

    list_versions     one row per stored publication of a list (its provenance)
    entity_contents   one row per distinct entity content, keyed by Entity.content_hash
    version_entities  which content each entity id has in each version
    api_keys          API keys of the HTTP service: a role and the sha256 of the secret
    users             people who review alerts and sign in to the web UI (see users.py)
    audit_records     one hash-chained record per screening (see audit.py)
    monitored_parties the monitored population: customers and counterparties (monitoring.py)
    monitor_versions  per list, the version the population was last screened against
    alerts            matches on monitored parties recorded for review (alerts.py)
    alert_events      every action on an alert, each also in the audit chain
    allowed_pairs     cleared (party fingerprint, entry content hash) pairs: the allow-list

An entry that does not change between two versions is one entity_contents row shared by both
versions, so a daily list costs its changes, not its size. `data` is the canonical JSON of
`Entity.to_json()` kept as text (not a JSON column) so the stored bytes are exactly the ones
hashed and any row can be re-verified against its key.

This module describes the current schema for code and for Alembic autogenerate; the database
itself is created and upgraded only by the migrations in `migrations/versions/`, which must stay
in step with it (a test compares the two).
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Column,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.types import TypeDecorator

# Lengths are generous upper bounds, not expectations: publisher ids are short ("23213",
# "KPi.033"), but FtM ids can be long hashes and scopes are free-form filters.
SOURCE_LENGTH = 100
ENTITY_ID_LENGTH = 255
SCOPE_LENGTH = 500
DATE_BASIS_LENGTH = 20
HASH_LENGTH = 64
NAME_LENGTH = 200
ROLE_LENGTH = 20
TIME_LENGTH = 40
PASSWORD_HASH_LENGTH = 200

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on every backend.

    SQLite has no time zones and hands back naive values; PostgreSQL hands back the session's
    zone. Both come back as UTC here, and a naive value is refused on the way in because its
    meaning would depend on the machine that wrote it.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, _dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value.isoformat()} given; use an aware UTC time")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, _dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


metadata = MetaData(naming_convention=NAMING_CONVENTION)

list_versions = Table(
    "list_versions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", String(SOURCE_LENGTH), nullable=False),
    Column("scope", String(SCOPE_LENGTH), nullable=False),
    Column("format", String(SOURCE_LENGTH), nullable=False),
    Column("published", Date, nullable=True),
    Column("date_basis", String(DATE_BASIS_LENGTH), nullable=False),
    Column("loaded_at", UTCDateTime, nullable=False),
    Column("sha256", String(HASH_LENGTH), nullable=False),
    Column("record_count", Integer, nullable=False),
    Column("counts", JSON, nullable=False),
    Column("files", JSON, nullable=False),
    UniqueConstraint("source", "scope", "sha256"),
)

entity_contents = Table(
    "entity_contents",
    metadata,
    Column("content_hash", String(HASH_LENGTH), primary_key=True),
    Column("source", String(SOURCE_LENGTH), nullable=False),
    Column("entity_id", String(ENTITY_ID_LENGTH), nullable=False),
    Column("schema", String(50), nullable=False),
    Column("caption", Text, nullable=False),
    Column("data", Text, nullable=False),
)

version_entities = Table(
    "version_entities",
    metadata,
    Column(
        "version_id",
        Integer,
        ForeignKey(list_versions.c.id, ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("entity_id", String(ENTITY_ID_LENGTH), primary_key=True),
    Column(
        "content_hash",
        String(HASH_LENGTH),
        ForeignKey(entity_contents.c.content_hash),
        nullable=False,
    ),
    # The history of one entry ("every version holding us_ofac_sdn:23213") starts here. No
    # other index: each one is paid on every row of every load, so only queries add them.
    Index(None, "entity_id"),
)

api_keys = Table(
    "api_keys",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(NAME_LENGTH), nullable=False),
    Column("role", String(ROLE_LENGTH), nullable=False),
    # Only the sha256 of the secret is kept: a copy of the database grants no access.
    Column("hash", String(HASH_LENGTH), nullable=False, unique=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("revoked_at", UTCDateTime, nullable=True),
)

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(NAME_LENGTH), nullable=False, unique=True),
    Column("role", String(ROLE_LENGTH), nullable=False),
    Column("password_hash", String(PASSWORD_HASH_LENGTH), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("disabled_at", UTCDateTime, nullable=True),
)

# Every value that is hashed is stored as the text that was hashed (time as ISO text, JSON as
# canonical text), so verifying a record never depends on how a backend returns types.
audit_records = Table(
    "audit_records",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("time", String(TIME_LENGTH), nullable=False),
    Column("caller", String(NAME_LENGTH), nullable=False),
    Column("query", Text, nullable=False),
    Column("versions", Text, nullable=False),
    Column("algorithm", String(SOURCE_LENGTH), nullable=False),
    Column("config_hash", String(HASH_LENGTH), nullable=False),
    Column("results", Text, nullable=False),
    Column("prev_hash", String(HASH_LENGTH), nullable=False),
    Column("hash", String(HASH_LENGTH), nullable=False),
)

monitored_parties = Table(
    "monitored_parties",
    metadata,
    Column("id", String(ENTITY_ID_LENGTH), primary_key=True),
    Column("name", Text, nullable=False),
    Column("schema", String(50), nullable=True),
    Column("birth_date", String(100), nullable=True),
    Column("countries", JSON, nullable=False),
    Column("identifiers", JSON, nullable=False),
    Column("gender", String(10), nullable=True),
    # sha256 of the canonical JSON of the fields above: a changed party is a changed pair.
    Column("fingerprint", String(HASH_LENGTH), nullable=False),
    Column("added_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    # The best score under the threshold at the last screening: parties this close to an alert
    # are rescreened in full when a list changes (see monitor/rescreen.py).
    Column("near_miss", Float, nullable=True),
    # From the same screening: the index coverage an entry needs to be scored for this party
    # (its tenth candidate's when it was offered ten, else screen()'s least) and the name's
    # lookup tokens, so that delta rescreening neither rescreens nor re-tokenises everyone.
    Column("floor", Float, nullable=True),
    Column("tokens", JSON, nullable=True),
    Column("candidates", JSON, nullable=True),  # ["source:id", ...] the index offered
)

monitor_versions = Table(
    "monitor_versions",
    metadata,
    Column("source", String(SOURCE_LENGTH), primary_key=True),
    Column("scope", String(SCOPE_LENGTH), primary_key=True),
    Column(
        "version_id", Integer, ForeignKey(list_versions.c.id, ondelete="CASCADE"), nullable=False
    ),
    Column("screened_at", UTCDateTime, nullable=False),
    # sha256 of what the screening depended on besides the lists (monitor.method)
    Column("method", String(64)),
)

# No foreign key to monitored_parties: a removed party's alerts stay, closed, with their history.
alerts = Table(
    "alerts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("party_id", String(ENTITY_ID_LENGTH), nullable=False),
    Column("party_name", Text, nullable=False),
    Column("party_fingerprint", String(HASH_LENGTH), nullable=False),
    Column("source", String(SOURCE_LENGTH), nullable=False),
    Column("entity_id", String(ENTITY_ID_LENGTH), nullable=False),
    Column("caption", Text, nullable=False),
    Column("list_version", String(SCOPE_LENGTH), nullable=False),
    Column("content_hash", String(HASH_LENGTH), nullable=False),
    Column("score", Float, nullable=False),
    Column("explanation", Text, nullable=False),
    Column("reasons", JSON, nullable=False),
    Column("state", String(ROLE_LENGTH), nullable=False),
    Column("pending", String(ROLE_LENGTH), nullable=True),
    Column("proposed_by", String(NAME_LENGTH), nullable=True),
    Column("assignee", String(NAME_LENGTH), nullable=True),
    Column("changes", JSON, nullable=False),
    # The optimistic lock: UPDATE ... WHERE version = <the version the decider saw>.
    Column("version", Integer, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    UniqueConstraint("party_id", "source", "entity_id"),
    Index(None, "state"),
)

alert_events = Table(
    "alert_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("alert_id", Integer, ForeignKey(alerts.c.id), nullable=False),
    Column("time", UTCDateTime, nullable=False),
    Column("user", String(NAME_LENGTH), nullable=False),
    Column("action", String(ROLE_LENGTH), nullable=False),
    Column("reason", Text, nullable=False),
    Column("state_before", String(ROLE_LENGTH), nullable=True),
    Column("state_after", String(ROLE_LENGTH), nullable=False),
    Column("detail", JSON, nullable=False),
    Column("audit_seq", Integer, nullable=False),
    Index(None, "alert_id"),
)

allowed_pairs = Table(
    "allowed_pairs",
    metadata,
    # Per alert, not per pair alone: two parties with the same fields share a fingerprint,
    # and clearing one of them says nothing about the other.
    Column("alert_id", Integer, ForeignKey(alerts.c.id), primary_key=True),
    Column("party_fingerprint", String(HASH_LENGTH), nullable=False),
    Column("content_hash", String(HASH_LENGTH), nullable=False),
    Column("approved_by", String(NAME_LENGTH), nullable=False),
    Column("approved_at", UTCDateTime, nullable=False),
)
