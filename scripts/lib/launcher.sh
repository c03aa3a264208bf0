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

# Runs a JVM command in place of this script. Its stderr passes through unchanged except for the one
# line the JVM prints at every start when the Vector API's incubator module is added ("WARNING: Using
# incubator modules: jdk.incubator.vector"); EMBER_VERBOSE=1 keeps that line too. The JVM is exec'd,
# so it has this script's PID: a terminal's Ctrl-C or a kill reaches it directly and once (a shell
# forwarding signals would deliver a terminal's Ctrl-C twice, and coalesce two quick ones into one).
# The filter ignores those signals, so the JVM's last lines still pass through it.
ember_run_jvm() {
  if [[ "${EMBER_VERBOSE:-0}" == 1 ]]; then
    exec "$@"
  fi
  exec "$@" 2> >(ember_notice_filter)
}

# Runs a JVM command as a child (a script that goes on afterwards), its stderr filtered as ember_run_jvm's.
ember_jvm() {
  if [[ "${EMBER_VERBOSE:-0}" == 1 ]]; then
    "$@"
  else
    "$@" 2> >(ember_notice_filter)
  fi
}

ember_notice_filter() {
  trap '' INT TERM HUP
  exec grep --line-buffered -v -x -F -e "WARNING: Using incubator modules: jdk.incubator.vector" >&2
}
