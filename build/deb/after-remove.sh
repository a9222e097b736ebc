#!/bin/sh
set -e
systemctl disable teleconsultation-kiosk.service 2>/dev/null || true
rm -f /etc/udev/rules.d/99-kiosk-devices.rules /etc/systemd/system/teleconsultation-kiosk.service
systemctl daemon-reload || true
