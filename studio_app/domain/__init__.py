"""Pure-Python domain model: no Qt, no SQLAlchemy, no obs-websocket."""
