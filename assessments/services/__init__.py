"""Write services of the assessments app."""
