"""Request and response bodies (pydantic 2)."""
