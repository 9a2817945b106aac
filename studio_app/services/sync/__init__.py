"""Archive sync, the studio side: push dirty rows, pull the archive's changes (SYNC_DESIGN.md)."""
