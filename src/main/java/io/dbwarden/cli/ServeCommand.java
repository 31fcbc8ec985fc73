package io.dbwarden.cli;

import io.dbwarden.api.ApiV1;
import io.dbwarden.app.ConfigException;
import io.dbwarden.app.ConfigLoader;
import io.dbwarden.app.ServiceConfig;
import io.dbwarden.app.Setting;
import io.dbwarden.log.LineFormatter;
import io.dbwarden.log.LogLine;
import io.dbwarden.service.DbwardenService;
import io.dbwarden.web.WebServer;
import io.dbwarden.web.WebSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the service: keeps the inventory of targets, runs the checks on their schedules and on "
                + "demand, remembers findings and their history, and serves the HTTP API.",
                "Every setting also comes from dbwarden.yaml and the environment (DBWARDEN_*); see "
                        + "dbwarden.example.yaml. SIGTERM stops it gracefully."})
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (default: $DBWARDEN_CONFIG, else ./dbwarden.yaml when it exists).")
    Path config;

    @Option(names = "--listen", paramLabel = "HOST:PORT", description = "Where the HTTP API listens (default 127.0.0.1:9650).")
    String listen;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the embedded store lives (default ./data).")
    String dataDir;

    @Override
    public Integer call() throws ConfigException, InterruptedException {
        CliLogging.service();
        oneLineLogs();
        Logger log = Logger.getLogger(ServeCommand.class.getName());
        Map<String, String> env = System.getenv();
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        Optional.ofNullable(listen).ifPresent(v -> flags.put(Setting.LISTEN, v));
        Optional.ofNullable(dataDir).ifPresent(v -> flags.put(Setting.DATA_DIR, v));
        Optional<Path> file = ConfigLoader.configFile(Optional.ofNullable(config), env);
        ServiceConfig settings = ConfigLoader.load(file, env, flags);
        log.info(LogLine.of("config_loaded").add("file", file.map(Path::toString).orElse("none, defaults"))
                .add("data_dir", settings.dataDir()).add("targets", settings.targets().size())
                .add("next", "opening the store").toString());

        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        DbwardenService service = DbwardenService.builder(settings).metrics(registry).start();
        WebServer web;
        try {
            web = WebServer.start(WebSettings.builder()
                    .listen(settings.listen().host().isEmpty() ? "0.0.0.0" : settings.listen().host(),
                            settings.listen().port())
                    .routePrefix(settings.routePrefix())
                    .tokens(settings.tokens())
                    .metrics(registry)
                    .readiness(service::ready)
                    .build(), routes -> ApiV1.mount(routes, service));
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        Runnable stop = () -> {
            if (!stopping.compareAndSet(false, true)) {
                return;
            }
            log.info(LogLine.of("shutdown_requested").add("next", "stop taking requests and runs, let checks under way "
                    + "finish for up to " + DbwardenService.SHUTDOWN_GRACE.toSeconds() + " s").toString());
            Thread webStop = Thread.ofPlatform().start(web::stop);
            service.close();
            try {
                webStop.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopped.countDown();
        };
        // SIGTERM and SIGINT are handled before the JVM's shutdown begins: during it, the JDK's own hook silences
        // java.util.logging, and the stop would go unlogged. The hook stays for any other way the JVM ends.
        for (String name : List.of("TERM", "INT")) {
            Signal.handle(new Signal(name), signal -> Thread.ofPlatform().name("dbwarden-stop").start(stop));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "dbwarden-shutdown"));
        log.info(LogLine.of("serving").add("url", web.uri()).add("ready", service.ready())
                .add("next", "checks run on their schedules; SIGTERM stops").toString());
        stopped.await();
        return ExitCodes.CLEAN;
    }

    /** The service logs one line per event (the JDK's default spends two). */
    private static void oneLineLogs() {
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            handler.setFormatter(new LineFormatter());
        }
    }
}
