"""The assistant's two doors.

- The public door (`public.py`): Rasa's REST and socket.io channels for citizens and relatives,
  anonymous, rate-limited per client. Client-supplied metadata and input_channel are dropped
  and sender ids are put in their own namespace, so nothing a visitor sends can pose as staff.
- The staff door (`staff.py`): `/webhooks/staff/webhook`, the REST channel's request and reply
  shape behind `Authorization: Bearer <access token>`. The goals API verifies the token; the
  channel puts only that verified identity into the message metadata and derives the sender id
  from it, so nobody can continue another person's conversation.

Both redact CPR-shaped numbers before Rasa sees the text (`redaction.py`).
"""
