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
# The OpenID Provider: an RSA 2048 signing key (PKCS#8) for ID tokens, and an AES key for its codes and pushed requests.
[ -s secrets/oidc-signing-keys ] || printf 'o1:%s' "$(openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 2>/dev/null | openssl pkcs8 -topk8 -nocrypt -outform DER | base64 -w0)" > secrets/oidc-signing-keys
[ -s secrets/oidc-encryption-keys ] || printf 'e1:%s' "$(new)" > secrets/oidc-encryption-keys
echo "keys in $(pwd)/secrets; keep a copy in your secret store: without the backup master key no backup can be restored"
