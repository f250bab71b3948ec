"""The report documents: drafting and wording, the workflow (edit, approve, sign), numbering, PDF, signing, checks.

May import: conferences, reporting.models, reporting.exports and figures; never results or jobs (views: jobs).
"""
