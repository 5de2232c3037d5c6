"""AppTest of one page opened by a link: the app's entry, the link's params, then the page (so the sidebar's
navigation is the app's), and the titles of the charts it drew."""

import json

from streamlit.testing.v1 import AppTest


def open_link(page: str, timeout: float = 120, **params) -> AppTest:
    """An AppTest of ``page`` with ``params`` in its URL, not yet run."""
    at = AppTest.from_file("../streamlit_app.py", default_timeout=timeout)
    for k, v in params.items():
        at.query_params[k] = v
    at.switch_page(page)
    return at


def chart_titles(at: AppTest) -> list[str]:
    return [json.loads(el.proto.spec)["layout"]["title"]["text"] for el in at.get("plotly_chart")]
