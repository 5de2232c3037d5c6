"""Words for people: the locale catalogs, option labels and numbers, untrusted text made plain."""
