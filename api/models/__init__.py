"""`GET /models`: the live build's model card (which models serve, how they measured)."""
