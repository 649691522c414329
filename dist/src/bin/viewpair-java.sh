# The Java options and environment of the viewpair command line, in one place for both ways of starting it: the
# source checkout's ./viewpair launcher and a release's bin/viewpair source this file (bash), then call
#   viewpair_java HOME CLASSPATH ARGS…
# which runs the command line with Java ($JAVA_HOME/bin/java when JAVA_HOME is set, else java on the PATH) in place of
# the calling script, so its exit status is the script's. HOME is where quickstart and datasets put data/ and runs/.

# libgomp spin-waiting starves the Java view workers that share the cores (docs/libraries.md)
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
# OpenCV logs its own imdecode errors to stderr; viewpair reports each unreadable file itself (bad_inputs.jsonl)
export OPENCV_LOG_LEVEL="${OPENCV_LOG_LEVEL:-FATAL}"
# tcmalloc keeps freed activation buffers instead of returning them to the kernel: faster steps
if [ -z "${VIEWPAIR_NO_TCMALLOC:-}" ]; then
  for lib in /usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4 /usr/lib/libtcmalloc_minimal.so.4; do
    if [ -f "$lib" ]; then export LD_PRELOAD="$lib${LD_PRELOAD:+:$LD_PRELOAD}"; break; fi
  done
fi

viewpair_java() {
  local home="$1" classpath="$2"
  shift 2
  local java=java
  if [ -n "${JAVA_HOME:-}" ]; then java="$JAVA_HOME/bin/java"; fi
  if ! command -v "$java" >/dev/null; then
    echo "viewpair: no Java runtime ($java): install Java 17 or newer (e.g. apt-get install openjdk-17-jre-headless)" \
      "or set JAVA_HOME to one" >&2
    exit 1
  fi
  local java_opts=(
    -Dai.djl.offline=true
    -Dorg.bytedeco.javacpp.maxPhysicalBytes=0
    -XX:MaxDirectMemorySize=4g
    -Xmx4g
    -Dai.djl.pytorch.num_threads="${VIEWPAIR_TORCH_THREADS:-$(nproc)}"
    -Dviewpair.home="$home"
    # the log-mel's FFT runs its butterflies as 256-bit vectors (docs/libraries.md); the JVM says so at each start
    --add-modules jdk.incubator.vector
  )
  # VIEWPAIR_JAVA_OPTS: more options, split at spaces (e.g. -Xmx8g -Dviewpair.trace=true)
  exec "$java" "${java_opts[@]}" ${VIEWPAIR_JAVA_OPTS:-} -cp "$classpath" dev.viewpair.recipes.cli.Main "$@"
}
