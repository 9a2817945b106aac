"""Village Studio: live Q&A broadcasts for township and village government studios."""

__version__ = "0.1.0"
APP_NAME = "Village Studio"
APP_ID = "VillageStudio"
