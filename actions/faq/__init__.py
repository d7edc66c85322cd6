"""The FAQ for citizens, relatives and staff: the two-stage fallback and its question catalogue."""
