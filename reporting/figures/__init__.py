"""The figures: the one selector of a campaign's totals, per-unit rows, rates, Vietnamese formatting, the dashboard.

May import: conferences, reporting.models and reporting.exports; never results, documents or jobs.
"""
