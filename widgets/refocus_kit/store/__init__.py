"""The response store (SQLAlchemy): SQLite in the data folder by default, PostgreSQL by URL."""

from refocus_kit.store.errors import StoreError
from refocus_kit.store.schema import StoreVersionError
from refocus_kit.store.store import Response, Revision, Store

__all__ = ["Response", "Revision", "Store", "StoreError", "StoreVersionError"]
