"""Small reusable widgets and styling shared by the views."""
