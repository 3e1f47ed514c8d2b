"""nbgrader's configuration for the course's assignments (this folder is an nbgrader course
directory: source/ holds the teacher's notebooks, release/ the students' copies).

    make assignments          nbgrader generate_assignment, source/ -> release/ (committed)
    make autograde-selftest   nbgrader autograde + generate_feedback on seeded submissions

Run nbgrader from this folder (or pass --course-dir). Grading a class also creates gradebook.db,
submitted/, autograded/ and feedback/ here: assignments/.gitignore keeps them out of git.
"""

c = get_config()  # noqa: F821 (nbgrader defines it when it reads this file)

c.CourseDirectory.course_id = "rnn-notebooks"

# The stub a student sees where a solution was: the same words as the lessons' exercises, so
# the checkers' "replace the TODO line" points at it.
c.ClearSolutions.code_stub = {
    "python": "# TODO: replace this line and the next with your code\nraise NotImplementedError()"
}

# A3 trains a character model for about a minute; a loaded machine can take several times that.
c.Execute.timeout = 900
