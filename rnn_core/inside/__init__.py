"""The analysis behind the Inside-the-cell page: step terms, Jacobians, saliency, eigenvalues, Lyapunov exponents."""
