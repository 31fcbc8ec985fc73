/**
 * The {@code tls} built-in fact: a server's certificate and TLS parameters, read through each database protocol's
 * own switch to TLS (PostgreSQL's SSLRequest, the MySQL SSL Request packet) and a handshake that inspects the
 * certificate without trusting it. {@link io.dbwarden.tls.TlsFactSource} is the entry point.
 *
 * <p>TLSv1 and TLSv1.1 are probed with a hand-written ClientHello read up to the ServerHello, because the JDK
 * refuses to speak them ({@code jdk.tls.disabledAlgorithms}, read once per process) and lowering that property would
 * weaken every other TLS connection of the process.
 *
 * <p>The probe never logs in. Servers see up to three short connections per read that end after the handshake:
 * PostgreSQL logs nothing for the full handshake (a client leaving before its startup packet is not logged) and a
 * "could not accept SSL connection" line for each legacy ClientHello; MariaDB logs an "Aborted connection …
 * closed normally without authentication" warning for each and counts them in Aborted_connects.
 */
package io.dbwarden.tls;
