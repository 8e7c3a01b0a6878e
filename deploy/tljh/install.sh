#!/usr/bin/env bash
# The REFOCUS kit on The Littlest JupyterHub (one VM, up to about a hundred users), after TLJH
# itself is installed. Run as root from the kit's folder on that VM:
#   sudo REFOCUS_DATABASE_URL=postgresql+psycopg://refocus:PASSWORD@127.0.0.1/refocus \
#        REFOCUS_GRADER_DATABASE_URL=postgresql+psycopg://refocus_grader:PASSWORD@127.0.0.1/refocus \
#        REFOCUS_FACILITATORS=fran,kim bash deploy/tljh/install.sh
# With REFOCUS_COURSES=north,south (a course per team, side by side), each course's grader gets
# an account and a folder of its own (refocus-grader-north, /var/lib/refocus/courses/north);
# REFOCUS_GRADER_DATABASE_URL_NORTH and so on give each its own database role too.
# (REFOCUS_GRADER_DATABASE_URL: the grader's own role, limited to nbgrader's schema; the SQL
# that makes it is in the README's JupyterHub section. Without it the grader uses the store's.)
# It installs the kit into TLJH's user environment; makes the exercises' grader account, the
# data folder with the course in it, nbgrader's shared exchange and the users' Jupyter settings;
# puts the kit's hub fragment (deploy/jupyterhub/refocus_config.py) into TLJH's
# jupyterhub_config.d; gives the hub the kit's settings in a root-only file; and reloads the
# hub. The same fragment is what the kit's hub test runs (tests/hub); this script itself is not
# run by the test suite.
set -euo pipefail

: "${REFOCUS_DATABASE_URL:?set REFOCUS_DATABASE_URL to the PostgreSQL store of the kit}"
KIT=$(cd "$(dirname "$0")/../.." && pwd)
TLJH=${TLJH_INSTALL_PREFIX:-/opt/tljh}
DATA=/var/lib/refocus
GRADER=refocus-grader
EXCHANGE=/srv/nbgrader/exchange
USERS_CONFIG=/etc/refocus/jupyter

# 1. The kit, with the hub's OAuth client, in the users' environment (the services run from it).
"$TLJH/user/bin/python" -m pip install --quiet -c "$KIT/constraints.txt" "$KIT[hub]"

# 2. The fragment, loaded by TLJH after its own settings (its "escape hatch").
install -D -m 644 "$KIT/deploy/jupyterhub/refocus_config.py" \
  "$TLJH/config/jupyterhub_config.d/refocus_config.py"

# 3. The exercises: the grader's account (it grades, and its terminal is a shell: never root),
#    the course in the data folder (the grader's alone), nbgrader's exchange (everyone may add,
#    nobody may remove another's), and every user's Jupyter settings (readable by all).
install -d -m 711 -o root -g root "$DATA"
grader_account() { # ACCOUNT FOLDER HOME: a grader's account, its home, its course's folder
  id -u "$1" >/dev/null 2>&1 ||
    useradd --system --home-dir "$3" --shell /usr/sbin/nologin "$1"
  install -d -m 700 -o "$1" -g "$1" "$2" "$3"
}
COURSES=${REFOCUS_COURSES:-}
if [ -z "$COURSES" ]; then
  grader_account "$GRADER" "$DATA/exercises" "$DATA/grader-home"
  GRADER_USER=$GRADER
else
  install -d -m 711 -o root -g root "$DATA/courses"
  for course in ${COURSES//,/ }; do
    grader_account "$GRADER-$course" "$DATA/courses/$course" "$DATA/grader-home-$course"
  done
  GRADER_USER="$GRADER-{course}"
fi
install -d -m 755 /srv/nbgrader
install -d -m 1777 "$EXCHANGE"
install -d -m 755 "$USERS_CONFIG"
cp -r "$KIT/deploy/jupyterhub/jupyter/." "$USERS_CONFIG/"
chmod -R u=rwX,go=rX "$USERS_CONFIG"

# 4. The kit's settings, for the hub only: a systemd drop-in reading a root-only file.
install -d -m 755 /etc/refocus
umask 077
cat > /etc/refocus/hub.env <<ENV
REFOCUS_DATABASE_URL=$REFOCUS_DATABASE_URL
REFOCUS_GRADER_DATABASE_URL=${REFOCUS_GRADER_DATABASE_URL:-}
REFOCUS_FACILITATORS=${REFOCUS_FACILITATORS:-}
REFOCUS_PYTHON=$TLJH/user/bin/python
REFOCUS_DATA_DIR=$DATA
REFOCUS_EXCHANGE_DIR=$EXCHANGE
REFOCUS_USERS_JUPYTER_CONFIG=$USERS_CONFIG
REFOCUS_GRADER_USER=$GRADER_USER
REFOCUS_COURSES=$COURSES
ENV
env | grep '^REFOCUS_GRADER_DATABASE_URL_' >> /etc/refocus/hub.env || true
umask 022
install -D -m 644 /dev/stdin /etc/systemd/system/jupyterhub.service.d/refocus.conf <<'UNIT'
[Service]
EnvironmentFile=/etc/refocus/hub.env
UNIT
systemctl daemon-reload

# 5. Who may log in: TLJH's own settings (here: the facilitators as hub admins too, if wanted).
#    tljh-config add-item users.allowed sam        # one line per member of staff
#    tljh-config add-item users.admin fran         # optional: facilitators as hub admins
#    Each team is a hub group with the property refocus_team (the hub's admin page, Groups):
#    its staff and its facilitators as members (README, JupyterHub). With REFOCUS_COURSES, the
#    team's group also names its course (refocus_course), and each course's graders go in the
#    group refocus-graders-ID.
# The store's tables, made or upgraded before the services start:
REFOCUS_DATABASE_URL="$REFOCUS_DATABASE_URL" "$TLJH/user/bin/refocus" store upgrade
tljh-config reload hub
echo "The forms: https://YOUR-HUB/services/refocus-forms/ ; for facilitators, the review:" \
  "https://YOUR-HUB/services/refocus-review/ and the exercises:" \
  "https://YOUR-HUB/services/refocus-grader${COURSES:+-ID}/"
