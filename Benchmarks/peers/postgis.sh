#!/bin/bash
# Border distance and DBSCAN the way a PostGIS user would do them, in a throw-away
# PostgreSQL 15 cluster that lives only as long as this script:
#   distance  ST_Distance(point::geography, border_geography)      (spheroid, the default)
#   DBSCAN    ST_ClusterDBSCAN(ST_Transform(geom, 32637), eps := EPS_M, minpoints := MIN) OVER ()
#
# usage: postgis.sh BORDER.geojson EPS_M MIN_POINTS POINTS.f64 OUT.txt [POINTS.f64 OUT.txt ...]
# POINTS.f64 is lon,lat float64 pairs (native byte order); OUT.txt receives one distance in
# metres per line, in the points' order. Output on stdout, one line per kind:
#   versions <PostgreSQL version> | <PostGIS version>
#   points <POINTS.f64> <n> <load s> <distance s> <distance cpu s> <dbscan s> <dbscan cpu s> <clusters> <noise>
# CPU seconds are the whole cluster's (backend and any parallel workers): on a shared
# machine wall time depends on the other users' load, CPU time much less so.
# The first feature's geometry of BORDER.geojson is the border (like the shapely peer).
# Installs postgresql-15 and postgresql-15-postgis-3 with apt-get when missing (root only).
set -euo pipefail

fail() { echo "postgis.sh: $*" >&2; exit 1; }
[ $# -ge 5 ] && [ $(( ($# - 3) % 2 )) -eq 0 ] \
    || fail "usage: postgis.sh BORDER.geojson EPS_M MIN_POINTS POINTS.f64 OUT.txt [POINTS.f64 OUT.txt ...]"
border=$1 eps=$2 minpoints=$3
shift 3
[ -r "$border" ] || fail "cannot read border file $border"

bin=/usr/lib/postgresql/15/bin
control=/usr/share/postgresql/15/extension/postgis.control
if [ ! -x "$bin/initdb" ] || [ ! -f "$control" ]; then
    [ "$(id -u)" -eq 0 ] || fail "PostgreSQL 15 server or PostGIS missing and not root: install postgresql-15 and postgresql-15-postgis-3"
    echo "postgis.sh: installing postgresql-15 and postgresql-15-postgis-3 (apt-get)" >&2
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -qq && apt-get install -y -qq postgresql-15 postgresql-15-postgis-3; } >&2 \
        || fail "apt-get could not install postgresql-15-postgis-3"
    [ -x "$bin/initdb" ] && [ -f "$control" ] || fail "PostGIS still missing after apt-get ($control)"
fi
command -v psql >/dev/null || fail "psql missing: install postgresql-client-15"
command -v od >/dev/null || fail "od (coreutils) missing"

# PostgreSQL refuses to run as root: the server runs as the postgres user then, psql as us
# over a unix socket in the private folder (trust auth; no TCP listener, so any port number
# is free — the port only names the socket).
run_server() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
dir=$(mktemp -d /tmp/postgis-peer.XXXXXX)
if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || fail "no postgres user to run the server as"
    chown postgres: "$dir"
fi
port=$(( 20000 + $$ % 20000 ))
cleanup() {
    run_server "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

run_server "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
    || fail "initdb failed: $(tail -n 5 "$dir/initdb.log")"
run_server "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-c listen_addresses='' -c unix_socket_directories='$dir' -p $port -c fsync=off -c shared_buffers=512MB -c work_mem=256MB" \
    start >/dev/null || fail "PostgreSQL did not start: $(tail -n 5 "$dir/server.log" 2>/dev/null)"

sql() { PGOPTIONS='-c client_min_messages=warning' psql -X -q -A -t -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres -d postgres "$@"; }
sql -c "CREATE EXTENSION postgis" || fail "CREATE EXTENSION postgis failed"
echo "versions $(sql -c "SHOW server_version") | $(sql -c "SELECT postgis_lib_version()")"

# The border as one geography, cast once: every point is measured against the same value.
sql -v border="$(cat "$border")" <<'SQL' || fail "cannot load the border from $border"
CREATE TABLE border AS
SELECT ST_GeomFromGeoJSON(CASE j->>'type'
           WHEN 'FeatureCollection' THEN j->'features'->0->'geometry'
           WHEN 'Feature' THEN j->'geometry'
           ELSE j END)::geography AS g
FROM (SELECT :'border'::jsonb AS j) AS f;
SQL

seconds() { sql -c "SELECT extract(epoch FROM clock_timestamp() - '$1'::timestamptz)"; }

# CPU seconds of the postmaster and every child it has reaped (utime, stime, cutime,
# cstime of /proc/PID/stat): backends and parallel workers that have exited count here.
postmaster=$(head -n 1 "$dir/data/postmaster.pid")
ticks=$(getconf CLK_TCK)
cluster_cpu() {
    awk -v hz="$ticks" '{ sub(/^.*\) /, ""); printf "%.2f\n", ($12 + $13 + $14 + $15) / hz }' "/proc/$postmaster/stat"
}
children() { pgrep -c -P "$postmaster" || true; }
baseline=$(children)
# Runs one statement in its own session and prints "wall cpu" in seconds; waits until the
# session's backend has exited and been reaped, so that its CPU time is counted.
timed() {
    local before wall after k
    before=$(cluster_cpu)
    wall=$(sql <<SQL
SELECT clock_timestamp() AS t0 \gset
$1;
SELECT extract(epoch FROM clock_timestamp() - :'t0');
SQL
)
    for k in $(seq 50); do [ "$(children)" -le "$baseline" ] && break; sleep 0.1; done
    after=$(cluster_cpu)
    echo "$wall $(awk -v a="$before" -v b="$after" 'BEGIN { printf "%.2f", b - a }')"
}
while [ $# -gt 0 ]; do
    points=$1 out=$2
    shift 2
    [ -r "$points" ] || fail "cannot read points file $points"
    sql -c "DROP TABLE IF EXISTS pts, dist, clusters" -c "CREATE TABLE pts (id int, lon float8, lat float8)"
    t0=$(sql -c "SELECT clock_timestamp()")
    # od prints the shortest text that reads back to the same double, so no precision is lost.
    od -A n -v -t f8 -w16 "$points" | awk '{ print NR "," $1 "," $2 }' \
        | sql -c "COPY pts FROM STDIN (FORMAT csv)"
    sql -c "ALTER TABLE pts ADD COLUMN geom geometry(Point, 4326)" \
        -c "UPDATE pts SET geom = ST_SetSRID(ST_MakePoint(lon, lat), 4326)" -c "VACUUM ANALYZE pts"
    load=$(seconds "$t0")
    n=$(sql -c "SELECT count(*) FROM pts")

    distance=$(timed "CREATE TABLE dist AS
        SELECT p.id, ST_Distance(p.geom::geography, b.g) AS m FROM pts AS p, border AS b")
    dbscan=$(timed "CREATE TABLE clusters AS
        SELECT id, ST_ClusterDBSCAN(ST_Transform(geom, 32637), eps := $eps, minpoints := $minpoints) OVER () AS cid
        FROM pts")

    sql -c "COPY (SELECT m FROM dist ORDER BY id) TO STDOUT" >"$out"
    counts=$(sql -F ' ' -c "SELECT count(DISTINCT cid), count(*) - count(cid) FROM clusters")
    echo "points $points $n $load $distance $dbscan $counts"
done
