"""Rules the assistant, the action server, the web page and the goals API must agree on.

Dependency-free (standard library only) and installed into both virtual environments with the
project, so the bot never imports the API's package and the API never imports the bot's. The API
serves the same values to the web page at `/api/v1/rules`; `tests/contract` fails if any side
disagrees.
"""
