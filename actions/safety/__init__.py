"""Safety first: the reply to a message where someone may be in danger."""
