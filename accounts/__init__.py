"""Who works in the system: users, each in one committee with one role, and what each role may do and see.
Imports nothing of the domain: conferences and reporting ask it, never the reverse.
"""
