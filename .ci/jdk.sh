# Sourced by ./earshot and .ci/run: sets EARSHOT_JAVA_HOME to a JDK 25 or newer, or fails saying where to get one.
earshot_find_jdk() {
    local candidate version
    for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64 \
                     "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")"; do
        [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
        version=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
        if [ -n "$version" ] && [ "${version%%.*}" -ge 25 ] 2>/dev/null; then
            EARSHOT_JAVA_HOME="$candidate"
            return 0
        fi
    done
    echo "earshot needs JDK 25 or newer: none found in \$JAVA_HOME, /usr/lib/jvm or on PATH." >&2
    echo "Install one (e.g. Eclipse Temurin 25) and set JAVA_HOME to it." >&2
    return 1
}
