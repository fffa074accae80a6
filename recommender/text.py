"""The English texts shown with a recommendation, in one place so that the build's stored
reasons (`user_recommendations.reason`) and the API's answers for a new user read the same,
and a translation has one file to touch.
"""

from __future__ import annotations

#: A recommendation none of the rated films explains (no positive contribution, or unnamed).
NO_REASON = "Popular with viewers whose ratings resemble yours"

#: The fallback list for a new user none of whose rated films has ratings in the model.
MOST_RATED_REASON = "Among the most rated films (none of the films you rated has ratings yet)"


def reason_text(rated_titles: list[tuple[str, float]]) -> str:
    """'Because you rated Heat (5.0), Casino (4.5) and Goodfellas (4.0)'."""
    if not rated_titles:
        return NO_REASON
    named = [f"{title} ({rating:.1f})" for title, rating in rated_titles]
    listed = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
    return f"Because you rated {listed}"
