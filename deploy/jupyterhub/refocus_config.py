"""The REFOCUS kit on JupyterHub: its two services, the facilitators' group and their roles.

One fragment for every way of running the hub. A plain hub loads it from its own
jupyterhub_config.py (`load_subconfig("/path/to/refocus_config.py")`); The Littlest JupyterHub
reads it from /opt/tljh/config/jupyterhub_config.d/ (deploy/tljh/); Zero to JupyterHub mounts it
into /usr/local/etc/jupyterhub/jupyterhub_config.d/ (deploy/z2jh/values.yaml). The kit's hub
test (tests/hub/) runs this same file. It adds to what the hub has already set (services, roles,
groups), and replaces nothing but the `user` role's scopes.

- refocus-forms: the participant forms (`python -m refocus_kit.participant.app`), started by
  the hub on the loopback address and reached at /services/refocus-forms/. Every logged-in user
  may open it (the `user` role below); a form records their hub name as its respondent.
- refocus-review: the facilitators' progress review (`refocus review serve`), at
  /services/refocus-review/. Only the `refocus-facilitators` group may open it (the
  `refocus-facilitator` role); the hub refuses anyone else.

Read from the hub's environment as it starts:

  REFOCUS_DATABASE_URL   the kit's PostgreSQL store, shared by both services (required)
  REFOCUS_FACILITATORS   hub user names put in the facilitators' group, comma-separated
                         (more can be added later on the hub's admin page, or its API)
  REFOCUS_PYTHON         the Python that has the kit installed (default: the hub's own)
  REFOCUS_DATA_DIR       the services' data folder (default: the kit's default folder)
  REFOCUS_FORMS_PORT, REFOCUS_REVIEW_PORT   their ports (default 8866 and 8867)
  REFOCUS_SERVICES_IP    the address they bind (default 127.0.0.1, the hub's machine only)
  REFOCUS_SERVICES_HOST  the host the hub's proxy reaches them at (default 127.0.0.1; on
                         Kubernetes the proxy runs in a pod of its own: see deploy/z2jh/)
"""

import os
import sys
from pathlib import Path

FORMS, REVIEW = "refocus-forms", "refocus-review"
FACILITATORS = "refocus-facilitators"

_python = os.environ.get("REFOCUS_PYTHON") or sys.executable
_database = os.environ.get("REFOCUS_DATABASE_URL")
if not _database:
    raise SystemExit(
        "REFOCUS_DATABASE_URL is not set: the kit's services on a hub share one PostgreSQL "
        "store, for example postgresql+psycopg://refocus:PASSWORD@db.example.invalid/refocus"
    )
# A hub-managed service gets only the environment named here (and PATH, LANG, ...).
_env = {"REFOCUS_DATABASE_URL": _database}
_env |= {k: os.environ[k] for k in ("REFOCUS_DATA_DIR", "HOME") if os.environ.get(k)}
_forms_port = int(os.environ.get("REFOCUS_FORMS_PORT", "8866"))
_review_port = int(os.environ.get("REFOCUS_REVIEW_PORT", "8867"))
_bind = os.environ.get("REFOCUS_SERVICES_IP", "127.0.0.1")
_host = os.environ.get("REFOCUS_SERVICES_HOST", "127.0.0.1")

c.JupyterHub.services.extend(
    [
        {
            "name": FORMS,
            "display": True,
            "info": {"description": "REFOCUS forms: reflection sessions and manager groups"},
            "url": f"http://{_host}:{_forms_port}",
            "command": [
                _python,
                "-m",
                "refocus_kit.participant.app",
                f"--Voila.ip={_bind}",
                f"--port={_forms_port}",
                "--Voila.port_retries=0",
            ],
            "environment": _env,
            "oauth_no_confirm": True,
        },
        {
            "name": REVIEW,
            "display": True,
            "info": {"description": "REFOCUS progress review (facilitators)"},
            "url": f"http://{_host}:{_review_port}",
            "command": [
                str(Path(_python).with_name("refocus")),
                "review",
                "serve",
                f"--ip={_bind}",
                f"--port={_review_port}",
            ],
            "environment": _env,
            "oauth_no_confirm": True,
        },
    ]
)

_facilitators = [n.strip() for n in os.environ.get("REFOCUS_FACILITATORS", "").split(",")]
c.JupyterHub.load_groups.update({FACILITATORS: {"users": [n for n in _facilitators if n]}})

c.JupyterHub.load_roles.extend(
    [
        {
            # JupyterHub's default `user` role (`self`), with the participant forms added.
            "name": "user",
            "scopes": ["self", f"access:services!service={FORMS}"],
        },
        {
            "name": "refocus-facilitator",
            "description": "REFOCUS facilitators: the progress review and the forms",
            "groups": [FACILITATORS],
            "scopes": [
                f"access:services!service={REVIEW}",
                f"access:services!service={FORMS}",
                f"read:groups!group={FACILITATORS}",
            ],
        },
    ]
)
