"""nbgrader configuration for the kit's self-directed staff exercises.

The course itself lives in the kit's data folder (see refocus_kit.exercises.course): source/
here holds the assignments as written, and `refocus exercises release NAME` copies one into the
course and hands it out. JupyterLab runs from this folder under `refocus serve`, so its
formgrader reads this file and sees that course, with the settings the `refocus exercises`
commands use (reading it writes nothing). nbgrader's formgrader grades best with the course
inside the Lab's folder, which the data folder never is: `refocus exercises formgrader` starts
a Lab on the course for grading by hand.
"""

from refocus_kit.exercises.course import open_course

c = get_config()  # noqa: F821 - provided by nbgrader when it reads this file
c.merge(open_course(create=False).config())
