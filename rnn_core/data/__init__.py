"""The series and their windows: built-in and uploaded series, transforms, tasks, datasets."""
