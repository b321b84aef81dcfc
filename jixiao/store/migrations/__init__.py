"""Alembic migrations of the jixiao database, applied by ``Database`` on open."""
