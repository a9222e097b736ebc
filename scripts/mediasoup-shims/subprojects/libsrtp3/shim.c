/* Empty: the worker links this shim whole; the real library comes from Debian via pkg-config. */
