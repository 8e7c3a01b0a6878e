"""The self-directed staff exercises: nbgrader source assignments in exercises/source/, the
widgets their notebooks use (notebook.py, saving answers beside the notebook: answers.py), the
course in the kit's data folder (course.py), the facilitator's steps (grading.py, parallel.py)
and who has done what (report.py). Nothing here imports ipywidgets but notebook.py."""

__all__: list[str] = []
