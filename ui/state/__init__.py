"""State and links: page scaffolding, config fields as widgets kept in step with the URL, the settings sidebar."""
