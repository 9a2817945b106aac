"""The county archive: the sync service studios push to and pull from, over PostgreSQL."""
