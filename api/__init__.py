"""Backing API for the hverdagsrehabilitering assistant (COPM, goals, delmål, evaluations)."""
