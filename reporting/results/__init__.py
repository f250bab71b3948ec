"""What units report: submissions and their review, the result form, the Excel template and import, upload limits.

May import: conferences, reporting.models, reporting.exports and figures; never documents or jobs (views: jobs.views).
"""
