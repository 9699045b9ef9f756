"""Session times shared by the listing templates: (opens "HH:MM", closes "HH:MM")."""

MORNING = ("10:00", "12:00")
AFTERNOON = ("13:30", "15:30")
EVENING = ("18:30", "20:30")
OFFICE = ("09:00", "17:00")
