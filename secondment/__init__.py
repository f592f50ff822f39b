"""Batches, nominations, postings and their lifecycle, work reports, leave, inspections, work logs,
reminders (see README, "Architecture"). Models arrive with their issues."""
