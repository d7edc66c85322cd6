"""What every feature's actions share: who is asking, the clock, the API and the outbox."""
