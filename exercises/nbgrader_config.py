"""nbgrader configuration for the kit's self-directed staff exercises.

Run nbgrader from this folder (`cd exercises && nbgrader generate_assignment ...`): source/ holds
the assignments as written; release/, submitted/, autograded/ and feedback/ are nbgrader's
working folders and are never committed.
"""

import os

c = get_config()  # noqa: F821 - provided by nbgrader when it reads this file

c.CourseDirectory.course_id = "refocus"
# This folder, spelled out: nbgrader warns about a relative root every time it reads it (the
# Lab's formgrader does on every start; `refocus serve` runs the Lab from here).
c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
c.CourseDirectory.db_url = "sqlite:///gradebook.db"
