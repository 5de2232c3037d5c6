"""Drawing blocks shared by pages: charts with PNG export, run summaries, Home's example, the run history."""
