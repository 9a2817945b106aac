"""Taking in questions from outside the studio: spreadsheet and CSV imports."""
