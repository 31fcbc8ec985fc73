package io.dbwarden.testing;

/** Whether junixsocket (a project dependency) can open Unix sockets here (package-private). */
final class UnixSockets {
    static final boolean AVAILABLE = probe();

    private UnixSockets() {
    }

    private static boolean probe() {
        if (Boolean.getBoolean("dbwarden.test.noUnixSockets")) {
            return false;
        }
        try {
            Class.forName("org.newsclub.net.unix.AFUNIXSocketFactory$FactoryArg");
            Class<?> socket = Class.forName("org.newsclub.net.unix.AFUNIXSocket");
            return (Boolean) socket.getMethod("isSupported").invoke(null);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return false;
        }
    }
}
