#!/usr/bin/env bash
# Install the Debian packages Berth's tests need, when missing: docker.io (a private dockerd for tests),
# busybox-static (test images are built FROM scratch with it), chromium (end-to-end tests), curl,
# docker-registry + apache2-utils (a private registry with htpasswd log-in), openssl (certificates for the
# TLS engine test), podman (the end-to-end suite's second round), openssh-server and -client (the ssh://
# engine test: sshd on a loopback port), squashfs-tools-ng, squashfs-tools and siftool (SIF export: tar2sqfs
# builds the squashfs partition; the tests read it back with sqfs2tar/unsquashfs and check the SIF with siftool),
# docker-compose and podman-compose (Compose stacks: Berth runs the user's own Compose), catatonit (the infra
# container of Podman pods: kube play).
# Needs root for apt-get; without root it only says what is missing.
set -euo pipefail
missing=()
command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
[ -x /bin/busybox ] || command -v busybox >/dev/null 2>&1 || missing+=(busybox-static)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v docker-registry >/dev/null 2>&1 || missing+=(docker-registry)
command -v htpasswd >/dev/null 2>&1 || missing+=(apache2-utils)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
command -v podman >/dev/null 2>&1 || missing+=(podman)
[ -x /usr/sbin/sshd ] || missing+=(openssh-server)
command -v ssh >/dev/null 2>&1 || missing+=(openssh-client)
command -v tar2sqfs >/dev/null 2>&1 || missing+=(squashfs-tools-ng)
command -v unsquashfs >/dev/null 2>&1 || missing+=(squashfs-tools)
command -v siftool >/dev/null 2>&1 || missing+=(siftool)
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
command -v podman-compose >/dev/null 2>&1 || missing+=(podman-compose)
command -v catatonit >/dev/null 2>&1 || [ -x /usr/libexec/podman/catatonit ] || missing+=(catatonit)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "install-deps: missing ${missing[*]}; install them as root: apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" fonts-dejavu-core >/dev/null
