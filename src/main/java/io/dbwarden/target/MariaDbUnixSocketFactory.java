package io.dbwarden.target;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;
import org.mariadb.jdbc.Configuration;
import org.mariadb.jdbc.util.ConfigurableSocketFactory;

/**
 * Unix-socket support for MariaDB Connector/J, which the driver instantiates by name via {@code socketFactory}.
 *
 * <p>Connector/J 3.x implements its own {@code localSocket} option with JNA, an optional dependency that it does
 * not bring along: without JNA on the class path that option quietly falls back to a TCP socket and fails.
 * This factory uses junixsocket instead (already needed by pgjdbc) and returns a socket that is already
 * connected, so the driver skips its own TCP connect. The socket path travels in the non-standard connection
 * property {@value #SOCKET_PROPERTY}.
 *
 * <p>junixsocket is reached through its {@code SocketFactory}, the same entry point pgjdbc uses, rather than
 * compiled against: its class files reference annotations that are not published, which makes javac warn.
 */
public final class MariaDbUnixSocketFactory extends ConfigurableSocketFactory {

    /** Connection property holding the absolute path of the server's unix socket. */
    public static final String SOCKET_PROPERTY = "dbwardenUnixSocket";

    private String path;
    private int connectTimeoutMillis;

    public MariaDbUnixSocketFactory() {
        // instantiated reflectively by the driver
    }

    @Override
    public void setConfiguration(Configuration conf, String host) {
        path = conf.nonMappedOptions().getProperty(SOCKET_PROPERTY);
        connectTimeoutMillis = Math.max(0, conf.connectTimeout());
    }

    @Override
    public Socket createSocket() throws IOException {
        if (path == null || path.isEmpty()) {
            throw new IOException("connection property " + SOCKET_PROPERTY + " is not set");
        }
        Socket socket = junixsocketFactory(path).createSocket();
        try {
            // junixsocket's FactoryArg sockets ignore the address and connect to the path they were made for
            socket.connect(InetSocketAddress.createUnresolved("localhost", 0), connectTimeoutMillis);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        return socket;
    }

    private static SocketFactory junixsocketFactory(String path) throws IOException {
        try {
            return (SocketFactory) Class.forName(PostgresSessions.UNIX_SOCKET_FACTORY)
                    .getConstructor(String.class).newInstance(path);
        } catch (InvocationTargetException e) {
            throw new IOException("junixsocket cannot open unix sockets here: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IOException("junixsocket is not available for unix sockets: " + e, e);
        }
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return createSocket();
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return createSocket();
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return createSocket();
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return createSocket();
    }
}
