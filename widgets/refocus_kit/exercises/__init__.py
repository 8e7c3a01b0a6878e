"""The self-directed staff exercises: nbgrader source assignments in exercises/source/, the
widgets their notebooks use (notebook.py, saving answers beside the notebook: answers.py), the
course in the kit's data folder (course.py), the facilitator's steps (grading.py, parallel.py),
who has done what (report.py), and the due dates staff see in nbgrader's Assignment List (the
file left in the exchange: due_dates.py; the server extension that reads it: due_handler.py;
the JupyterLab extension that shows it: lab/due-dates/). Nothing here imports ipywidgets but
notebook.py."""

__all__: list[str] = []
