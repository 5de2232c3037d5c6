"""The networks and their training: cells, the instrumented loop, training, forecasts, metrics, baselines, run files."""
