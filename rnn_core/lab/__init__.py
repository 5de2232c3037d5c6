"""The long-range lab: cells compared on one task, lag sweeps, seed spreads, parallel jobs, its CLI."""
