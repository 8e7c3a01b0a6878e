"""nbgrader in every hub user's own server, as the kit's hub fragment sets it up (its
JUPYTER_CONFIG_PATH names this folder): the course `refocus`, or the courses the hub gives the
server (REFOCUS_COURSES), the shared exchange the hub names (REFOCUS_EXCHANGE_DIR), and staff
known by their hub names (refocus_kit.exercises.hub_exchange). The facilitators' steps run in
the courses' grader services, not here."""

from refocus_kit.exercises.hub_exchange import configure_hub_user

configure_hub_user(get_config())
