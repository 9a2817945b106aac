"""Qt widgets: windows, views, item models and dialogs. Only ``studio_app.app`` imports this."""
