"""Discover: films by any combination of filters, in any documented order."""
