"""The server's limits: size and time budgets, the run clock, the cost estimate."""
