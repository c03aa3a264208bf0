# What the launcher scripts share (sourced, not run): building Ember when needed, in one line of
# output, and running a JVM without its incubator-module notice. Needs $root, the repository.

ember_jar="$root/target/ember-0.1.0.jar"
ember_classpath="$root/target/classpath.txt"   # the runtime classpath; its age stamps the build

# Builds (mvn package, tests neither compiled nor run) when the build is missing or older than the sources. Prints one
# line; the full log stays in target/build.log, and on failure its errors (or its end) are shown.
ember_build_if_needed() {
  if [[ -f "$ember_classpath" && -f "$ember_jar" \
        && -z "$(find "$root/src/main" "$root/pom.xml" -newer "$ember_classpath" -print -quit)" ]]; then
    return 0
  fi
  local log="$root/target/build.log"
  mkdir -p "$root/target"
  echo "ember: building (mvn package) ..." >&2
  if ! (cd "$root" && mvn -B -Dmaven.test.skip=true package) > "$log" 2>&1; then
    echo "ember: the build failed (full log: $log):" >&2
    # its [ERROR] lines, else its end, without colour codes (whatever Maven version wrote them)
    local plain
    plain="$(sed -e $'s/\x1b\\[[0-9;]*m//g' "$log")"
    grep -m 40 '^\[ERROR\]' <<< "$plain" >&2 || tail -n 40 <<< "$plain" >&2
    exit 1
  fi
  touch "$ember_classpath"
}

# Whether the command line asks for --verbose (before a '--', if any).
ember_verbose_requested() {
  local a
  for a in "$@"; do
    [[ "$a" == "--" ]] && return 1
    [[ "$a" == "--verbose" ]] && return 0
  done
  return 1
}

# Runs a JVM command and exits with its status. Its stderr passes through unchanged except for the
# one line the JVM prints at every start when the Vector API's incubator module is added
# ("WARNING: Using incubator modules: jdk.incubator.vector"); EMBER_VERBOSE=1 keeps that line too.
# The JVM runs as a child, not exec'd, so that the filter's last lines are written before this script
# ends; INT, TERM and HUP are passed on to it as they come (Ember's handlers stop Spark cleanly).
ember_run_jvm() {
  if [[ "${EMBER_VERBOSE:-0}" == 1 ]]; then
    exec "$@"
  fi
  local notice="WARNING: Using incubator modules: jdk.incubator.vector"
  exec 3> >(trap '' INT TERM HUP; exec grep --line-buffered -v -x -F -e "$notice" >&2)
  local filter=$!
  # a background job starts with INT and QUIT ignored (and a JVM then never handles them): reset them
  ( trap - INT QUIT; exec "$@" ) <&0 2>&3 3>&- &
  local jvm=$! status=0 sig
  exec 3>&-
  for sig in INT TERM HUP; do
    trap "kill -$sig $jvm 2>/dev/null" "$sig"
  done
  while kill -0 "$jvm" 2>/dev/null; do
    wait "$jvm" || true   # returns early when a trapped signal arrives
  done
  wait "$jvm" || status=$?
  wait "$filter" || true
  exit "$status"
}
