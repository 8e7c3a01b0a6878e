"""Responses at a glance: how many each team gave on each form, read from the tidy table.

Opening it reads the store and writes nothing: on an empty store it says how to see the
fictional demo data instead of loading it."""

from __future__ import annotations

import pandas as pd
from IPython.display import HTML

from refocus_kit.store.export import tidy
from refocus_kit.store.store import Store

__all__ = ["EMPTY_STATE", "responses_overview"]

EMPTY_STATE = (
    '<div class="refocus-empty" role="status"><p><strong>No responses yet.</strong> They appear '
    "here as teams fill the forms.</p><p>To see the kit with fictional demo data, start it with "
    "<code>make demo</code>, or run <code>refocus demo load</code> (and "
    "<code>refocus demo clear</code> to remove it again).</p></div>"
)
NO_TEAM = "(no team)"


def responses_overview(store: Store | None = None) -> pd.DataFrame | HTML:
    """Responses per team and form, with how many of them are demo data; or, when there are
    none, a note saying how to see the demo."""
    table = tidy(store) if store is not None else _tidy_if_any()
    if table is None or table.empty:
        return HTML(EMPTY_STATE)
    per_response = table.drop_duplicates("response_id").fillna({"team": NO_TEAM})
    return per_response.groupby(["team", "form_id"]).agg(
        responses=("response_id", "size"), demo=("demo", "sum")
    )


def _tidy_if_any() -> pd.DataFrame | None:
    """The kit's own store's table, if the store has been made."""
    store = Store.existing()
    if store is None:
        return None
    with store:
        return tidy(store)
