"""The labels an English page passes to a chart builder, for tests that call builders directly: the
builders hold no words of their own, the catalog does."""

from ui.text.catalog import labels


def en(builder: str, **overrides) -> dict:
    """``labels("en", "chart.<builder>", **overrides)``, with the cells' names as the pages pass them."""
    return labels("en", f"chart.{builder}", **{"cell_names": labels("en", "opt.cell"), **overrides})
