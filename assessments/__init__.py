"""Annual assessments, end-of-term appraisals, democratic evaluation, indicator templates."""
