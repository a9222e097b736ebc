#!/bin/sh
# Installs the device rules and the kiosk service shipped in the package's resources.
set -e
res=/opt/Teleconsultation\ Kiosk/resources
install -m 0644 "$res/udev/99-kiosk-devices.rules" /etc/udev/rules.d/99-kiosk-devices.rules
install -m 0644 "$res/systemd/teleconsultation-kiosk.service" /etc/systemd/system/teleconsultation-kiosk.service
getent group kiosk >/dev/null || groupadd --system kiosk
id kiosk >/dev/null 2>&1 || useradd --system --gid kiosk --groups dialout,plugdev,video,audio --create-home --home-dir /var/lib/kiosk kiosk
udevadm control --reload-rules && udevadm trigger || true
systemctl daemon-reload || true
systemctl enable pcscd.socket || true
systemctl enable teleconsultation-kiosk.service || true
