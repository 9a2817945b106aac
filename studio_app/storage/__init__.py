"""Local store: SQLite through SQLAlchemy 2, Alembic migrations, repositories."""
