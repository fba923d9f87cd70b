#!/usr/bin/env bash
# Debian's Dovecot for the real-IMAP tests (packages/core/src/email/testing/dovecot.ts starts a private
# instance per test file; the system service is not used and stays stopped).
set -euo pipefail
if [ -x /usr/sbin/dovecot ]; then exit 0; fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dovecot-imapd >/dev/null
# The package starts a system instance; the tests start their own on free ports.
(systemctl stop dovecot 2>/dev/null || service dovecot stop 2>/dev/null || true) >/dev/null
