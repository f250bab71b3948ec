"""What happens: committees, resolutions, campaigns, video-link sites, conferences, attendance, preparation,
and the figure rules they share with reporting. May import accounts; never reporting.
"""
