#!/usr/bin/env bash
# The REFOCUS kit on The Littlest JupyterHub (one VM, up to about a hundred users), after TLJH
# itself is installed. Run as root from the kit's folder on that VM:
#   sudo REFOCUS_DATABASE_URL=postgresql+psycopg://refocus:PASSWORD@127.0.0.1/refocus \
#        REFOCUS_FACILITATORS=fran,kim bash deploy/tljh/install.sh
# It installs the kit into TLJH's user environment, puts the kit's hub fragment
# (deploy/jupyterhub/refocus_config.py) into TLJH's jupyterhub_config.d, gives the hub the
# kit's settings in a root-only file, and reloads the hub. The same fragment is what the kit's
# hub test runs (tests/hub); this script itself is not run by the test suite.
set -euo pipefail

: "${REFOCUS_DATABASE_URL:?set REFOCUS_DATABASE_URL to the PostgreSQL store of the kit}"
KIT=$(cd "$(dirname "$0")/../.." && pwd)
TLJH=${TLJH_INSTALL_PREFIX:-/opt/tljh}

# 1. The kit, with the hub's OAuth client, in the users' environment (the services run from it).
"$TLJH/user/bin/python" -m pip install --quiet -c "$KIT/constraints.txt" "$KIT[hub]"

# 2. The fragment, loaded by TLJH after its own settings (its "escape hatch").
install -D -m 644 "$KIT/deploy/jupyterhub/refocus_config.py" \
  "$TLJH/config/jupyterhub_config.d/refocus_config.py"

# 3. The kit's settings, for the hub only: a systemd drop-in reading a root-only file.
install -d -m 755 /etc/refocus
umask 077
cat > /etc/refocus/hub.env <<ENV
REFOCUS_DATABASE_URL=$REFOCUS_DATABASE_URL
REFOCUS_FACILITATORS=${REFOCUS_FACILITATORS:-}
REFOCUS_PYTHON=$TLJH/user/bin/python
REFOCUS_DATA_DIR=/var/lib/refocus
ENV
umask 022
install -d -m 700 /var/lib/refocus
install -D -m 644 /dev/stdin /etc/systemd/system/jupyterhub.service.d/refocus.conf <<'UNIT'
[Service]
EnvironmentFile=/etc/refocus/hub.env
UNIT
systemctl daemon-reload

# 4. Who may log in: TLJH's own settings (here: the facilitators as hub admins too, if wanted).
#    tljh-config add-item users.allowed sam        # one line per member of staff
#    tljh-config add-item users.admin fran         # optional: facilitators as hub admins
# The store's tables, made or upgraded before the services start:
REFOCUS_DATABASE_URL="$REFOCUS_DATABASE_URL" "$TLJH/user/bin/refocus" store upgrade
tljh-config reload hub
echo "The forms: https://YOUR-HUB/services/refocus-forms/ ; the review (facilitators): https://YOUR-HUB/services/refocus-review/"
