# What the launcher scripts share (sourced, not run): building Ember when needed, in one line of
# output, the JVM's class-data archive, and running a JVM without its incubator-module notice.
# Needs $root, the repository.

ember_jar="$root/target/ember-0.1.0.jar"
ember_classpath="$root/target/classpath.txt"   # the runtime classpath; its age stamps the build
ember_cds="$root/target/ember.jsa"             # the class-data archive of ember_app_classpath

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
  ember_built=1
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

# The JVM's flags into the array jvm_flags: the build's (target/classes/ember-jvm.flags), and on Linux
# with transparent huge pages in madvise mode, -XX:+UseTransparentHugePages: the heap then takes 2 MB
# pages, and fresh memory's first touch costs fewer page faults (MNIST prepared in 2.5-2.8 s instead of
# 3.4-4.0 s on the 2-core VM, README). Not added elsewhere: other systems' JVMs refuse the flag or warn.
ember_read_jvm_flags() {
  read -r -a jvm_flags < "$root/target/classes/ember-jvm.flags"
  if grep -qs -F '[madvise]' /sys/kernel/mm/transparent_hugepage/enabled; then
    jvm_flags+=(-XX:+UseTransparentHugePages)
  fi
}

# The app jar and its dependencies: jars only, as a class-data archive requires.
ember_app_classpath() {
  echo "$ember_jar:$(cat "$ember_classpath")"
}

# AppCDS (README, Performance): the classes a run loads, archived once per build and mapped at every
# JVM start instead of being read and verified from the jars again (about 2.0 s less per command,
# measured). Made by a one-step run on the embedded data (about 15 s); when that fails, runs go on
# without an archive until the next build or another java (target/cds.log says why).
ember_cds_if_needed() {
  if ember_cds_current || ember_cds_given_up || [[ ! -w "$root/target" ]]; then
    return 0
  fi
  if [[ -z "${ember_built:-}" ]]; then   # after a build, its one line stands for both
    echo "ember: preparing the JVM's class-data archive (once per build) ..." >&2
  fi
  local tmp="$ember_cds.$$.tmp" stamp work jvm_flags rc=0
  stamp="$(ember_cds_stamp)"
  work="$(mktemp -d "${TMPDIR:-/tmp}/ember-cds.XXXXXX")"
  ember_read_jvm_flags
  # from the repository, where conf/default.conf's relative data paths point
  (cd "$root" && exec java "${jvm_flags[@]}" -Xmx2g -XX:ArchiveClassesAtExit="$tmp" '-Xlog:cds*=off' \
     -Dlog4j2.configurationFile="$root/conf/log4j2.properties" -cp "$(ember_app_classpath)" io.ember.cli.Main \
     train --config conf/default.conf --epochs 1 --max-steps 1 --master 'local[2]' --output "$work/run") \
     > "$root/target/cds.log" 2>&1 || rc=$?
  rm -rf "$work"
  if ((rc == 0)) && [[ -s "$tmp" ]]; then
    mv -f "$tmp" "$ember_cds"
    echo "$stamp" > "$ember_cds.stamp"
    return 0
  fi
  rm -f "$tmp"
  if ((rc >= 128)); then   # stopped by a signal (Ctrl-C: 130): stop here too, and try again next time
    exit "$rc"
  fi
  echo "$stamp" > "$ember_cds.failed" || true
}

# What an archive was made for: this build's jar (path and time) and the java that made it.
ember_cds_stamp() {
  echo "$(readlink -f "$(command -v java)") $ember_jar $(stat -c %Y "$ember_jar")"
}

ember_cds_current() {
  [[ -s "$ember_cds" && -f "$ember_cds.stamp" && "$(cat "$ember_cds.stamp")" == "$(ember_cds_stamp)" ]]
}

ember_cds_given_up() {
  [[ -f "$ember_cds.failed" && "$(cat "$ember_cds.failed")" == "$(ember_cds_stamp)" ]]
}

# Sets the array ember_cds_flags to the JVM options that map the archive when it was made for this
# build and this java, else to none.
ember_set_cds_flags() {
  ember_cds_flags=()
  if ember_cds_current; then
    ember_cds_flags=(-XX:SharedArchiveFile="$ember_cds" '-Xlog:cds*=off')
  fi
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
