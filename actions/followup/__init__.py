"""After goal capture: COPM re-assessment, evaluation of a goal or delmål, and "vis mål"."""
