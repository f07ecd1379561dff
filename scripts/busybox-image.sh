#!/usr/bin/env bash
# A busybox image built from Debian's busybox-static (/bin/busybox), and a local registry
# (Debian's docker-registry, on loopback) serving it. Used by tests, e2e tests and benchmarks.
#
#   scripts/busybox-image.sh oci DIR               OCI image layout directory (busybox:latest)
#   scripts/busybox-image.sh oci-archive FILE      the same layout as a tarball
#   scripts/busybox-image.sh docker-archive FILE   a `docker save` tarball (via skopeo)
#   scripts/busybox-image.sh start [--htpasswd FILE --creds USER:PASSWORD] [--tls] [--token]
#                                                  start a registry holding library/busybox:latest;
#                                                  prints its address, 127.0.0.1:PORT. With
#                                                  --htpasswd it demands basic auth (bcrypt lines);
#                                                  with --tls it serves HTTPS with a self-signed
#                                                  certificate, /tmp/skiff-registry-PORT/tls/cert.pem;
#                                                  with --token it demands bearer tokens from a
#                                                  token service (busybox httpd) on another port.
#   scripts/busybox-image.sh push ADDR REPO:TAG    push the image again, e.g. library/busybox:1.36
#   scripts/busybox-image.sh stop ADDR             stop that registry and delete its storage
#
# The image has one layer: bin/busybox with a symlink per applet (sh, sleep, echo, cat, ls, nc,
# ping, wget, httpd, ...), etc/passwd and etc/group with root and nobody, and /tmp; its config
# has Cmd ["sh"] and a PATH. Builds are reproducible (fixed times and owners), so the digests
# are the same on every run with the same busybox.
set -euo pipefail

die() { echo "busybox-image.sh: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || die "$1 is missing (install Debian package $2)"; }

# build_oci DIR: writes the OCI layout.
build_oci() {
    local out=$1
    [ -x /bin/busybox ] || die "/bin/busybox is missing (install Debian package busybox-static)"
    local work
    work=$(mktemp -d)
    local rootfs=$work/rootfs
    mkdir -p "$rootfs"/{bin,etc,root,proc,sys,dev,var,usr/bin,tmp}
    chmod 1777 "$rootfs/tmp"
    chmod 700 "$rootfs/root"
    cp /bin/busybox "$rootfs/bin/busybox"
    # One symlink per applet (perl-base is essential on Debian: one process, not one per link).
    { /bin/busybox --list; printf '%s\n' sh sleep echo cat ls nc ping wget httpd env id hostname true false test kill ps top; } |
        sort -u | grep -vx busybox | (cd "$rootfs/bin" && perl -ne 'chomp; symlink("busybox", $_) or die "symlink $_: $!\n"')
    printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$rootfs/etc/passwd"
    printf 'root:x:0:\nnogroup:x:65534:\n' >"$rootfs/etc/group"
    tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --format=gnu -C "$rootfs" -cf "$work/layer.tar" .
    local diff_id layer_digest layer_size
    diff_id=$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
    gzip -n -6 -c "$work/layer.tar" >"$work/layer.tar.gz"
    layer_digest=$(sha256sum "$work/layer.tar.gz" | cut -d' ' -f1)
    layer_size=$(stat -c %s "$work/layer.tar.gz")
    local arch
    arch=$(dpkg --print-architecture 2>/dev/null || echo amd64)
    rm -rf "$out"
    mkdir -p "$out/blobs/sha256"
    mv "$work/layer.tar.gz" "$out/blobs/sha256/$layer_digest"
    printf '{"architecture":"%s","os":"linux","created":"1970-01-01T00:00:00Z","config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],"Cmd":["sh"]},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]},"history":[{"created":"1970-01-01T00:00:00Z","created_by":"skiff scripts/busybox-image.sh"}]}' \
        "$arch" "$diff_id" >"$work/config.json"
    local config_digest config_size
    config_digest=$(sha256sum "$work/config.json" | cut -d' ' -f1)
    config_size=$(stat -c %s "$work/config.json")
    mv "$work/config.json" "$out/blobs/sha256/$config_digest"
    printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:%s","size":%s}]}' \
        "$config_digest" "$config_size" "$layer_digest" "$layer_size" >"$work/manifest.json"
    local manifest_digest manifest_size
    manifest_digest=$(sha256sum "$work/manifest.json" | cut -d' ' -f1)
    manifest_size=$(stat -c %s "$work/manifest.json")
    mv "$work/manifest.json" "$out/blobs/sha256/$manifest_digest"
    printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"platform":{"architecture":"%s","os":"linux"},"annotations":{"io.containerd.image.name":"docker.io/library/busybox:latest","org.opencontainers.image.ref.name":"busybox:latest"}}]}' \
        "$manifest_digest" "$manifest_size" "$arch" >"$out/index.json"
    printf '{"imageLayoutVersion":"1.0.0"}' >"$out/oci-layout"
    rm -rf "$work"
}

state_dir() { echo "/tmp/skiff-registry-${1##*:}"; }

# daemon DIR COMMAND...: runs COMMAND in the background with output in DIR/daemon.log and its
# pid in DIR/pid. It keeps none of our
# descriptors: a caller waiting for this script's exit (Foundation's Process watches a socket
# its child inherits) must not wait for the daemon too.
daemon() {
    local dir=$1
    shift
    (
        for fd in /proc/$BASHPID/fd/*; do
            fd=${fd##*/}
            [ "$fd" -gt 2 ] && eval "exec $fd>&-" 2>/dev/null
        done
        exec "$@"
    ) >"$dir/daemon.log" 2>&1 </dev/null &
    echo $! >"$dir/pid"
}

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

# start_token_service DIR: a distribution token service that hands out one signed token (RS256,
# x5c header, pull and push on library/busybox) from busybox httpd, and the registry's
# `auth: token` config trusting its certificate.
start_token_service() {
    local dir=$1 tport
    need openssl openssl
    mkdir -p "$dir/token/www"
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=skiff-token -keyout "$dir/token/key.pem" \
        -out "$dir/token/cert.pem" 2>/dev/null
    local now x5c header payload signature
    now=$(date +%s)
    x5c=$(openssl x509 -in "$dir/token/cert.pem" -outform DER | openssl base64 -A)
    header=$(printf '{"typ":"JWT","alg":"RS256","x5c":["%s"]}' "$x5c" | b64url)
    payload=$(printf '{"iss":"skiff-token","sub":"skiff","aud":"skiff-registry","exp":%s,"nbf":%s,"iat":%s,"jti":"%s","access":[{"type":"repository","name":"library/busybox","actions":["pull","push"]}]}' \
        $((now + 86400)) $((now - 60)) "$now" "$RANDOM$RANDOM" | b64url)
    signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$dir/token/key.pem" | b64url)
    printf '{"token":"%s.%s.%s"}' "$header" "$payload" "$signature" >"$dir/token/www/token"
    for _ in 1 2 3 4 5 6 7 8; do
        tport=$((20000 + RANDOM % 40000))
        ss -Htln "sport = :$tport" | grep -q . || break
    done
    daemon "$dir/token" /bin/busybox httpd -f -p "127.0.0.1:$tport" -h "$dir/token/www"
    printf 'auth:\n  token:\n    realm: http://127.0.0.1:%s/token\n    service: skiff-registry\n    issuer: skiff-token\n    rootcertbundle: %s\n' \
        "$tport" "$dir/token/cert.pem" >>"$dir/config.yml"
}

# skopeo_push LAYOUT ADDR REPO:TAG (with the registry's credentials, if it has any)
skopeo_push() {
    local creds=()
    [ -f "$(state_dir "$2")/creds" ] && creds=(--dest-creds "$(cat "$(state_dir "$2")/creds")")
    skopeo copy --quiet --insecure-policy --dest-tls-verify=false "${creds[@]}" "oci:$1:busybox:latest" "docker://$2/$3" >&2
}

start_registry() {
    local htpasswd="" creds="" tls="" token=""
    while [ $# -gt 0 ]; do
        case "$1" in
        --htpasswd) htpasswd=$2; shift 2 ;;
        --creds) creds=$2; shift 2 ;;
        --tls) tls=1; shift ;;
        --token) token=1; shift ;;
        *) die "start: unknown option $1" ;;
        esac
    done
    need docker-registry docker-registry
    need skopeo skopeo
    local attempt port dir
    for attempt in 1 2 3 4 5 6 7 8; do
        port=$((20000 + RANDOM % 40000))
        if ss -Htln "sport = :$port" | grep -q .; then continue; fi
        dir=$(state_dir "$port")
        [ -e "$dir" ] && continue
        mkdir -p "$dir/data"
        cat >"$dir/config.yml" <<EOF
version: 0.1
log:
  level: error
storage:
  filesystem:
    rootdirectory: $dir/data
  delete:
    enabled: true
EOF
        if [ -n "$htpasswd" ]; then
            cp "$htpasswd" "$dir/htpasswd"
            printf 'auth:\n  htpasswd:\n    realm: skiff-test\n    path: %s\n' "$dir/htpasswd" >>"$dir/config.yml"
            printf '%s' "$creds" >"$dir/creds"
        fi
        if [ -n "$tls" ]; then
            need openssl openssl
            mkdir -p "$dir/tls"
            openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
                -keyout "$dir/tls/key.pem" -out "$dir/tls/cert.pem" 2>/dev/null
        fi
        [ -n "$token" ] && start_token_service "$dir"
        printf 'http:\n  addr: 127.0.0.1:%s\n' "$port" >>"$dir/config.yml"
        if [ -n "$tls" ]; then
            printf '  tls:\n    certificate: %s\n    key: %s\n' "$dir/tls/cert.pem" "$dir/tls/key.pem" >>"$dir/config.yml"
        fi
        daemon "$dir" setsid docker-registry serve "$dir/config.yml"
        local i
        for i in $(seq 1 100); do
            if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
                build_oci "$dir/oci"
                skopeo_push "$dir/oci" "127.0.0.1:$port" library/busybox:latest
                echo "127.0.0.1:$port"
                return 0
            fi
            kill -0 "$(cat "$dir/pid")" 2>/dev/null || break
            sleep 0.1
        done
        kill "$(cat "$dir/pid")" 2>/dev/null || true
        echo "registry on port $port did not start: $(tail -3 "$dir/daemon.log")" >&2
        rm -rf "$dir"
    done
    die "could not start docker-registry"
}

stop_registry() {
    local dir
    dir=$(state_dir "$1")
    [ -d "$dir" ] || return 0
    # SIGKILL: a caller may have SIGTERM blocked, and busybox httpd inherits that mask.
    if [ -f "$dir/token/pid" ]; then kill -9 "$(cat "$dir/token/pid")" 2>/dev/null || true; fi
    if [ -f "$dir/pid" ]; then
        local pid
        pid=$(cat "$dir/pid")
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    fi
    rm -rf "$dir"
}

case "${1:-}" in
oci) [ $# -eq 2 ] || die "usage: $0 oci DIR"; build_oci "$2" ;;
oci-archive)
    [ $# -eq 2 ] || die "usage: $0 oci-archive FILE"
    tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
    build_oci "$tmp/oci"
    tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$tmp/oci" -cf "$2" . ;;
docker-archive)
    [ $# -eq 2 ] || die "usage: $0 docker-archive FILE"
    need skopeo skopeo
    tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
    build_oci "$tmp/oci"
    rm -f "$2"
    skopeo copy --quiet --insecure-policy "oci:$tmp/oci:busybox:latest" "docker-archive:$2:busybox:latest" >&2 ;;
start) shift; start_registry "$@" ;;
push)
    [ $# -eq 3 ] || die "usage: $0 push ADDR REPO:TAG"
    need skopeo skopeo
    skopeo_push "$(state_dir "$2")/oci" "$2" "$3" ;;
stop) [ $# -eq 2 ] || die "usage: $0 stop ADDR"; stop_registry "$2" ;;
*) die "usage: $0 oci DIR | oci-archive FILE | docker-archive FILE | start [--htpasswd FILE --creds U:P] [--tls] [--token] | push ADDR REPO:TAG | stop ADDR" ;;
esac
