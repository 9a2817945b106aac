"""Exports of session records: ledger, report, CSV/JSON, chapters and clips."""
