"""Daily digests: DST-correct timing, APScheduler jobs, exactly-once fan-out to many channels."""
