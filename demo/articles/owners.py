"""Content owners named by more than one demo article."""

ADULT_SOCIAL_CARE = "Adult social care information team"
