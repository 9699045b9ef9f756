"""Provider accounts (#25 item 1): providers claim and keep their own organisation's listings."""
