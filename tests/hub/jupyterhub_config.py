"""The hub of the kit's hub test (conftest.py starts it): JupyterHub on 127.0.0.1 with the dummy
authenticator, a local process spawner and configurable-http-proxy, then the kit's own
deployment fragment, deploy/jupyterhub/refocus_config.py, exactly as a real hub loads it.
Ports and names come from the test's environment; nothing here is for a real deployment."""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
env = os.environ

c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = int(env["HUB_TEST_PORT"])
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(env["HUB_TEST_API_PORT"])
c.ConfigurableHTTPProxy.command = [env["HUB_TEST_CHP"]]
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{env['HUB_TEST_PROXY_API_PORT']}"
c.JupyterHub.db_url = f"sqlite:///{Path.cwd() / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(Path.cwd() / "cookie_secret")
c.JupyterHub.authenticator_class = "dummy"  # any password, allowed users only
c.Authenticator.allowed_users = set(json.loads(env["HUB_TEST_USERS"]))
c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
# Each user's server in a home of its own, all on this one OS account (as the hub's).
c.SimpleLocalProcessSpawner.home_dir_template = str(Path.cwd() / "homes" / "{username}")
c.Spawner.ip = "127.0.0.1"
c.Spawner.cmd = [str(Path(sys.executable).with_name("jupyterhub-singleuser"))]
c.Spawner.args = ["--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
if os.geteuid() == 0:  # a container's root, the only account here
    c.Spawner.args.append("--allow-root")
c.Spawner.http_timeout = 120  # two cores, shared
c.JupyterHub.default_url = "/hub/home"  # a login starts no server of its own
c.JupyterHub.cleanup_servers = True
c.JupyterHub.load_groups = json.loads(env.get("HUB_TEST_GROUPS") or "{}")

load_subconfig(str(ROOT / "deploy" / "jupyterhub" / "refocus_config.py"))
