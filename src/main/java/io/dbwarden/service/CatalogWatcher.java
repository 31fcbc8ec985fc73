package io.dbwarden.service;

import io.dbwarden.check.CatalogHolder;
import io.dbwarden.check.CheckProblem;
import io.dbwarden.log.LogLine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Reloads the catalog when a custom check directory changes: a file added, removed, or written. It compares a
 * listing of the directories (path, size, modification time) at every poll instead of using a WatchService, which
 * sees neither sub-directories nor network file systems. A reload swaps the catalog atomically; a bad file becomes a
 * catalog problem and the other checks keep running.
 */
final class CatalogWatcher {

    /** How soon an edited check file is in force; a listing of a few directories costs next to nothing. */
    static final Duration POLL_PERIOD = Duration.ofSeconds(5);

    private static final Logger LOG = Logger.getLogger(CatalogWatcher.class.getName());

    private final CatalogHolder catalogs;
    private final List<Path> directories;
    private List<String> lastListing;

    CatalogWatcher(CatalogHolder catalogs, List<Path> directories) {
        this.catalogs = catalogs;
        this.directories = List.copyOf(directories);
        this.lastListing = listing();
    }

    /** Reloads when the listing changed since the last poll; true when it did. */
    synchronized boolean poll() {
        List<String> now = listing();
        if (now.equals(lastListing)) {
            return false;
        }
        lastListing = now;
        List<CheckProblem> problems = catalogs.reload();
        LOG.info(LogLine.of("catalog_reloaded").add("checks", catalogs.catalog().size())
                .add("problems", problems.size()).add("next", "new runs use it; runs under way keep the old one")
                .toString());
        problems.forEach(p -> LOG.warning(LogLine.of("catalog_problem").add("at", p.toString()).toString()));
        return true;
    }

    private List<String> listing() {
        List<String> entries = new ArrayList<>();
        for (Path dir : directories) {
            if (!Files.isDirectory(dir)) {
                entries.add(dir + " missing");
                continue;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(Files::isRegularFile).sorted().forEach(p -> entries.add(describe(p)));
            } catch (IOException | UncheckedIOException e) {
                entries.add(dir + " unreadable");
            }
        }
        return entries;
    }

    private static String describe(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return file + " " + a.size() + " " + a.lastModifiedTime().toMillis();
        } catch (IOException e) {
            return file + " unreadable";
        }
    }
}
