#!/bin/sh
# Remakes export.xml from a real WordPress (Debian bookworm's package, WordPress 6.1) on this machine.
# Needs: apt-get install wordpress php-cli php-mysql, MariaDB on 127.0.0.1:3306 (root, no password),
# and Dateline's venv (Pillow draws the upload images). Not run by the test suite.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
PORT=${PORT:-8089}
SITE=$(mktemp -d /tmp/wpfixture.XXXXXX)
DB=wpfixture
cp -rL /usr/share/wordpress/. "$SITE/"
rm -f "$SITE/.htaccess"
rm -rf "$SITE/wp-content" && cp -rL /usr/share/wordpress/wp-content "$SITE/wp-content" 2>/dev/null || mkdir -p "$SITE/wp-content"
mkdir -p "$SITE/wp-content/uploads" "$SITE/wp-content/themes"
cp -rL /usr/share/wordpress/wp-content/themes/. "$SITE/wp-content/themes/" 2>/dev/null || true
cat > "$SITE/wp-config.php" <<PHP
<?php
define('DB_NAME', '$DB'); define('DB_USER', 'root'); define('DB_PASSWORD', ''); define('DB_HOST', '127.0.0.1:3306');
define('DB_CHARSET', 'utf8mb4'); define('DB_COLLATE', '');
define('AUTH_KEY', 'fixture'); define('SECURE_AUTH_KEY', 'fixture'); define('LOGGED_IN_KEY', 'fixture');
define('NONCE_KEY', 'fixture'); define('AUTH_SALT', 'fixture'); define('SECURE_AUTH_SALT', 'fixture');
define('LOGGED_IN_SALT', 'fixture'); define('NONCE_SALT', 'fixture');
define('WP_CONTENT_DIR', '$SITE/wp-content'); define('WP_HOME', 'http://127.0.0.1:$PORT'); define('WP_SITEURL', 'http://127.0.0.1:$PORT');
define('WP_ENVIRONMENT_TYPE', 'local'); define('DISABLE_WP_CRON', true); define('AUTOMATIC_UPDATER_DISABLED', true);
\$table_prefix = 'wp_';
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
PHP
mysql -h127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB CHARACTER SET utf8mb4"
php -S 127.0.0.1:$PORT -t "$SITE" >"$SITE/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER' EXIT
sleep 1
# The installer, as a person fills it in.
curl -sf -o /dev/null "http://127.0.0.1:$PORT/wp-admin/install.php?step=2" \
  --data-urlencode "weblog_title=The Harbour Gazette" --data-urlencode "user_name=editor" \
  --data-urlencode "admin_password=fixture-pass-1" --data-urlencode "admin_password2=fixture-pass-1" \
  --data-urlencode "pw_weak=on" --data-urlencode "admin_email=editor@harbour.example" --data-urlencode "blog_public=1"
"$HERE/../../../.venv/bin/python" "$HERE/draw_uploads.py" "$SITE/originals"
# Content through WordPress's own PHP API (wp_insert_post, media_handle_sideload, wp_insert_comment).
php "$HERE/make_content.php" "$SITE" "$SITE/originals"
# Tools → Export, signed in as the administrator.
JAR="$SITE/cookies"
curl -sf -o /dev/null -c "$JAR" -b "wordpress_test_cookie=WP%20Cookie%20check" "http://127.0.0.1:$PORT/wp-login.php" \
  --data-urlencode "log=editor" --data-urlencode "pwd=fixture-pass-1" --data-urlencode "testcookie=1"
curl -sf -b "$JAR" -o "$HERE/export.xml" "http://127.0.0.1:$PORT/wp-admin/export.php?download=true&content=all"
rm -rf "$HERE/uploads" && cp -r "$SITE/wp-content/uploads" "$HERE/uploads"
# Only the originals: the resized copies WordPress made are not needed by the import.
find "$HERE/uploads" -type f -regex '.*-[0-9]+x[0-9]+\.jpg' -delete
echo "export.xml and uploads/ written from $SITE"
