# Sourced by ./mvnw and ./alphaweave: exports JAVA_HOME pointing at a JDK >= 21.
# Order: $JAVA_HOME if it is new enough, then the usual install locations, newest first.
alphaweave_java_major() {
  # the JDK's release file answers without starting a JVM (a few hundred ms on every launch)
  local v=""
  if [ -f "$1/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" | head -n 1)
  fi
  if [ -z "$v" ]; then
    v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 \
      | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1)
  fi
  echo "$v"
}
alphaweave_find_jdk() {
  local min=21 candidate major
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(alphaweave_java_major "$JAVA_HOME")
    if [ -n "$major" ] && [ "$major" -ge "$min" ]; then return 0; fi
  fi
  for candidate in $(ls -d /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/jdk* "$HOME"/.sdkman/candidates/java/* \
      /Library/Java/JavaVirtualMachines/*/Contents/Home 2>/dev/null | sort -rV); do
    [ -x "$candidate/bin/javac" ] || continue
    major=$(alphaweave_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge "$min" ]; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "alphaweave: no JDK $min or newer found (JAVA_HOME=${JAVA_HOME:-unset}, java on PATH is $(java -version 2>&1 | head -n 1))." >&2
  echo "  Install one (e.g. 'apt-get install openjdk-21-jdk' or a Temurin 21/25) or set JAVA_HOME to it." >&2
  return 1
}
