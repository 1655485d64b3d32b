#!/usr/bin/env bash
# Makes the silo's keys once, as files of deploy/k8s/secrets/ (git-ignored) that kustomization.yaml's secretGenerator
# turns into the pushauth-keys Secret. An existing file is kept: run it again safely. Rotation: deploy/RUNBOOK.md "Keys".
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p secrets
umask 077
new() { head -c 32 /dev/urandom | base64 -w0; }
[ -s secrets/totp-keys ] || printf 'k1:%s' "$(new)" > secrets/totp-keys
[ -s secrets/session-key ] || printf 's1:%s' "$(new)" > secrets/session-key
[ -s secrets/backup-master-key ] || new > secrets/backup-master-key
[ -s secrets/history-chain-keys ] || printf 'h1:%s' "$(new)" > secrets/history-chain-keys
echo "keys in $(pwd)/secrets; keep a copy in your secret store: without the backup master key no backup can be restored"
