# Sourced by the bench scripts: makes sure Debian's Python has a peer library, installing its
# packages on first use like ./test does.
#   ensure_python_peer "import scipy.ndimage, numpy" python3-scipy python3-numpy
ensure_python_peer() {
  local imports="$1"; shift
  /usr/bin/python3 -c "$imports" 2>/dev/null && return 0
  local sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  echo "installing the peer: $*" >&2
  "${sudo_cmd[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "$@" >/dev/null \
    || { echo "the peer is missing and could not be installed: apt-get install -y --no-install-recommends $*" >&2; exit 1; }
}
