# Shared by scripts/registry.sh and scripts/token-registry.sh (sourced): a docker-registry on loopback.

# A TCP port free on 127.0.0.1 now.
free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

# Write DIR/config.yml for a registry storing in DIR/storage (deletes allowed) on 127.0.0.1:PORT, with the
# `auth:` block given on stdin (indented YAML under `auth:`).
write_registry_config() {
  local dir=$1 port=$2
  {
    cat <<EOF_CONFIG
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $dir/storage
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
auth:
EOF_CONFIG
    cat
  } >"$dir/config.yml"
}
