// Empty: see subprojects/README in scripts/mediasoup-shims.
