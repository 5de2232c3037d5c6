"""Per-page glue: the Inside, Names and lab pages' own controls and cached calls, Learn's code."""
