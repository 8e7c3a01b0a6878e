"""nbgrader configuration for the kit's self-directed staff exercises.

Run nbgrader from this folder (`cd exercises && nbgrader generate_assignment ...`): source/ holds
the assignments as written; release/, submitted/, autograded/ and feedback/ are nbgrader's
working folders and are never committed.
"""

c = get_config()  # noqa: F821 - provided by nbgrader when it reads this file

c.CourseDirectory.course_id = "refocus"
c.CourseDirectory.root = "."
c.CourseDirectory.db_url = "sqlite:///gradebook.db"
