"""Background work: export and signing jobs, the Celery tasks that run them, and the daily reminders.

May import: every other part of reporting (it runs their exporters); none of them imports it but views.
"""
