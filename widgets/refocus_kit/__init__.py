"""The REFOCUS course kit: forms, store and tools for the REFOCUS intervention.

Source of every instrument: Bird V, Leamy M, Le Boutillier C, Williams J, Slade M (2011)
*REFOCUS: Promoting recovery in community mental health services*, London: Rethink.
"""

from refocus_kit.config import Settings, settings

__version__ = "0.1.0"

__all__ = ["Settings", "__version__", "settings"]
