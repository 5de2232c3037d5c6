"""Runs: the store, training slots, live training, what a page shows, traces, bundles, warm-up."""
