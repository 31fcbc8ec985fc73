package io.dbwarden.host;

import io.dbwarden.units.Durations;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Scrapes a Prometheus node_exporter for the facts dbwarden needs: {@code node_memory_MemTotal_bytes},
 * {@code node_memory_SwapTotal_bytes} and the CPU count, which is the number of distinct {@code cpu} label
 * values of {@code node_cpu_seconds_total}.
 */
public final class NodeExporterClient {

    static final String MEMORY = "node_memory_MemTotal_bytes";
    static final String SWAP = "node_memory_SwapTotal_bytes";
    static final String CPU_SECONDS = "node_cpu_seconds_total";
    private static final Set<String> WANTED = Set.of(MEMORY, SWAP, CPU_SECONDS);

    private final HttpClient http;
    private final Duration timeout;

    /** @param timeout the most a scrape may take, from connecting to the last byte of the body */
    public NodeExporterClient(HttpClient http, Duration timeout) {
        this.http = Objects.requireNonNull(http, "http client");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("node_exporter timeout must be positive, got " + timeout + ".");
        }
        this.timeout = timeout;
    }

    /** Returns {@code url} with the path {@code /metrics} when it has no path, as in {@code http://db1:9100}. */
    public static URI metricsUri(URI url) {
        requireHttpUrl(url);
        String path = url.getRawPath();
        if (path == null || path.isEmpty() || path.equals("/")) {
            return url.resolve("/metrics");
        }
        return url;
    }

    /**
     * Scrapes {@code url} (see {@link #metricsUri}) and returns its host facts with source
     * {@code "node_exporter <url>"}.
     *
     * @throws NodeExporterException with a sentence naming the URL and the cause when the exporter cannot
     *                               be reached in time, answers with an error or lacks the memory metric
     */
    public HostFacts scrape(URI url) throws NodeExporterException {
        URI target = metricsUri(url);
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(timeout)
                .header("Accept", "text/plain;version=0.0.4;q=1,*/*;q=0.1")
                .GET()
                .build();
        CompletableFuture<HttpResponse<String>> pending =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> response;
        try {
            // The request timeout only covers waiting for the headers; this deadline also covers the body.
            response = pending.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new NodeExporterException(unreachable(target, "no answer within " + Durations.format(timeout)), e);
        } catch (ExecutionException e) {
            throw new NodeExporterException(unreachable(target, describe(e.getCause())), e.getCause());
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new NodeExporterException("node_exporter " + target + " scrape was interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw new NodeExporterException("node_exporter " + target + " answered HTTP " + response.statusCode()
                    + " instead of metrics");
        }
        return parse(response.body(), target);
    }

    /**
     * Reads host facts from a text exposition scraped from {@code url}.
     *
     * @throws NodeExporterException when the memory metric is missing, not a positive finite number, or
     *                               reported with several different values (several hosts behind one URL)
     */
    public static HostFacts parse(String exposition, URI url) throws NodeExporterException {
        List<PrometheusText.Sample> samples = PrometheusText.parse(exposition, WANTED::contains);
        String where = "node_exporter " + url;
        Long memory = singleValue(samples, MEMORY, where);
        if (memory == null) {
            throw new NodeExporterException(where + " did not report " + MEMORY
                    + "; is its meminfo collector enabled?");
        }
        if (memory <= 0) {
            throw new NodeExporterException(where + " reported " + MEMORY + " as " + memory + ", not a positive size");
        }
        Long swap = singleValue(samples, SWAP, where);
        Set<String> cpus = new TreeSet<>();
        for (PrometheusText.Sample sample : samples) {
            if (sample.name().equals(CPU_SECONDS) && sample.labels().containsKey("cpu")) {
                cpus.add(sample.labels().get("cpu"));
            }
        }
        return new HostFacts(memory, cpus.isEmpty() ? null : cpus.size(),
                swap == null || swap < 0 ? null : swap, where);
    }

    static void requireHttpUrl(URI url) {
        Objects.requireNonNull(url, "node_exporter URL");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new IllegalArgumentException("node_exporter URL \"" + url
                    + "\" must be an http or https URL with a host, e.g. http://db1:9100/metrics.");
        }
    }

    /** The one value of {@code metric}, {@code null} if absent or not finite. */
    private static Long singleValue(List<PrometheusText.Sample> samples, String metric, String where)
            throws NodeExporterException {
        Set<BigDecimal> values = new TreeSet<>();
        boolean seen = false;
        for (PrometheusText.Sample sample : samples) {
            if (sample.name().equals(metric)) {
                seen = true;
                BigDecimal value = sample.finiteValue();
                if (value != null) {
                    values.add(value.setScale(0, RoundingMode.HALF_UP));
                }
            }
        }
        if (values.size() > 1) {
            throw new NodeExporterException(where + " reported " + values.size() + " different values of " + metric
                    + "; point the node_exporter URL at the exporter of the database host alone");
        }
        if (values.isEmpty()) {
            if (seen && metric.equals(MEMORY)) {
                throw new NodeExporterException(where + " reported " + metric + " as NaN or infinite");
            }
            return null;
        }
        try {
            return values.iterator().next().longValueExact();
        } catch (ArithmeticException e) {
            throw new NodeExporterException(where + " reported " + metric + " too large to be a byte count", e);
        }
    }

    private static String unreachable(URI target, String cause) {
        return "node_exporter " + target + " unreachable: " + cause;
    }

    private String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpTimeoutException) {
                return "no answer within " + Durations.format(timeout);
            }
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "cannot resolve its host name";
            }
        }
        String message = firstMessage(failure);
        if (message == null) {
            return failure instanceof ConnectException ? "connection refused" : failure.getClass().getSimpleName();
        }
        // "Connection refused" reads better inside a sentence as "connection refused".
        if (message.length() > 1 && Character.isUpperCase(message.charAt(0)) && Character.isLowerCase(message.charAt(1))) {
            message = Character.toLowerCase(message.charAt(0)) + message.substring(1);
        }
        return message;
    }

    private static String firstMessage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return null;
    }
}
