"""Alembic migration environment; run programmatically by studio_app.storage.migrate."""
