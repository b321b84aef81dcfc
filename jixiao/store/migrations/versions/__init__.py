"""One module per schema revision (``alembic revision --autogenerate`` output, reviewed by hand)."""
