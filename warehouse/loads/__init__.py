"""Loading a body's records: one IETF refresh (ietf), one 3GPP refresh or import (threegpp),
each all or nothing, then the derived rebuild for what it changed.

The top layer of the warehouse: may import every other warehouse package and scrapers.
"""
