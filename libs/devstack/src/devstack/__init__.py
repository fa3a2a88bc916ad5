"""Local process stack."""
