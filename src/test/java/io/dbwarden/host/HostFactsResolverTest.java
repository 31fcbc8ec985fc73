package io.dbwarden.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.fact.Unavailable.Failed;
import io.dbwarden.fact.Unavailable.NotConfigured;
import io.dbwarden.fact.Unavailable.Setting;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class HostFactsResolverTest {

    private static final long GIB = 1L << 30;
    private static final String MEMINFO = """
            MemTotal:       24683620 kB
            MemFree:        23741576 kB
            MemAvailable:   24087688 kB
            SwapTotal:       2097148 kB
            SwapFree:        2097148 kB
            HugePages_Total:       0
            Hugepagesize:       2048 kB
            """;
    private static final String CPUINFO = """
            processor\t: 0
            model name\t: Test CPU

            processor\t: 1
            model name\t: Test CPU

            processor\t: 2
            model name\t: Test CPU
            """;

    @TempDir
    Path proc;

    private final HttpClient http = HttpClient.newHttpClient();

    private HostFactsResolver resolver() {
        return new HostFactsResolver(http, Duration.ofSeconds(2), proc);
    }

    private void writeProc(String meminfo, String cpuinfo) throws IOException {
        Files.writeString(proc.resolve("meminfo"), meminfo);
        if (cpuinfo != null) {
            Files.writeString(proc.resolve("cpuinfo"), cpuinfo);
        }
    }

    private static URI unreachable() {
        return URI.create("http://127.0.0.1:" + TestPorts.freePort() + "/metrics");
    }

    @Test
    void declaredMemoryWinsOverEveryOtherSource() throws IOException {
        writeProc(MEMINFO, CPUINFO);

        HostFactsResult result = resolver().resolve(new HostSpec(64 * GIB, 16, unreachable()), true);

        assertThat(result.facts()).contains(new HostFacts(64 * GIB, 16, null, "declared"));
        assertThat(result.unavailable()).isNull();
    }

    @Test
    void declaredMemoryWithoutCpusLeavesCpusUnknown() {
        HostFactsResult result = resolver().resolve(new HostSpec(8 * GIB, null, null), false);

        assertThat(result.facts()).contains(new HostFacts(8 * GIB, null, null, "declared"));
    }

    @Test
    void readsAFakeProcWhenTheTargetIsLocal() throws IOException {
        writeProc(MEMINFO, CPUINFO);

        HostFactsResult result = resolver().resolve(HostSpec.none(), true);

        assertThat(result.facts()).contains(
                new HostFacts(24_683_620L * 1024, 3, 2_097_148L * 1024, proc.toString()));
    }

    @Test
    void aDeclaredCpuCountReplacesTheOneFromProc() throws IOException {
        writeProc(MEMINFO, CPUINFO);

        HostFactsResult result = resolver().resolve(new HostSpec(null, 12, null), true);

        assertThat(result.facts()).hasValueSatisfying(facts -> {
            assertThat(facts.memoryBytes()).isEqualTo(24_683_620L * 1024);
            assertThat(facts.cpus()).isEqualTo(12);
        });
    }

    @Test
    void fallsBackToTheJvmCpuCountWithoutCpuinfoAndLeavesSwapUnknownWithoutSwapTotal() throws IOException {
        writeProc("MemTotal: 1048576 kB\n", null);

        HostFacts facts = resolver().resolve(HostSpec.none(), true).facts().orElseThrow();

        assertThat(facts.memoryBytes()).isEqualTo(GIB);
        assertThat(facts.cpus()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(facts.swapBytes()).isNull();
    }

    @Test
    void neverReadsProcForARemoteTarget() throws IOException {
        writeProc(MEMINFO, CPUINFO);

        HostFactsResult result = resolver().resolve(HostSpec.none(), false);

        assertThat(result.facts()).isEmpty();
        assertThat(result.unavailable()).isEqualTo(new NotConfigured(Setting.HOST, "host memory unknown"));
    }

    @Test
    void aDeclaredCpuCountAloneDoesNotMakeMemoryKnown() {
        HostFactsResult result = resolver().resolve(new HostSpec(null, 8, null), false);

        assertThat(result.unavailable()).isEqualTo(new NotConfigured(Setting.HOST, "host memory unknown"));
    }

    @Test
    void saysWhyWhenLocalProcHasNoMeminfo() {
        HostFactsResult result = resolver().resolve(HostSpec.none(), true);

        assertThat(result.facts()).isEmpty();
        assertThat(result.unavailable()).isEqualTo(new NotConfigured(Setting.HOST,
                "host memory unknown: cannot read " + proc.resolve("meminfo") + ": no such file"));
    }

    @Test
    void saysWhyWhenLocalMeminfoHasNoMemTotal() throws IOException {
        writeProc("MemFree: 12 kB\nMemTotal: lots\n", null);

        HostFactsResult result = resolver().resolve(HostSpec.none(), true);

        assertThat(result.unavailable()).isEqualTo(new NotConfigured(Setting.HOST,
                "host memory unknown: " + proc.resolve("meminfo") + " has no positive MemTotal line"));
    }

    @Test
    void anUnreachableExporterForARemoteTargetLeavesMemoryUnknownInsteadOfReadingThisMachine() throws IOException {
        writeProc(MEMINFO, CPUINFO);
        URI url = unreachable();
        long start = System.nanoTime();

        HostFactsResult result = resolver().resolve(new HostSpec(null, null, url), false);

        assertThat(result.facts()).isEmpty();
        assertThat(result.unavailable()).as("a configured source that fails is a failure, not a missing setting")
                .isEqualTo(new Failed("node_exporter " + url + " unreachable: connection refused"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void anUnreachableExporterForALocalTargetFallsBackToProcAndSaysSoInTheSource() throws IOException {
        writeProc(MEMINFO, CPUINFO);
        URI url = unreachable();

        HostFactsResult result = resolver().resolve(new HostSpec(null, null, url), true);

        assertThat(result.facts()).hasValueSatisfying(facts -> {
            assertThat(facts.memoryBytes()).isEqualTo(24_683_620L * 1024);
            assertThat(facts.source()).isEqualTo(proc + " (node_exporter " + url + " unreachable: connection refused)");
        });
    }

    @Test
    void reportsBothFailuresWhenTheExporterAndProcFail() {
        URI url = unreachable();

        HostFactsResult result = resolver().resolve(new HostSpec(null, null, url), true);

        assertThat(result.unavailable()).isEqualTo(new Failed("node_exporter " + url + " unreachable: connection refused; "
                + "reading " + proc + " instead failed too: cannot read " + proc.resolve("meminfo") + ": no such file"));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void readsTheRealProcOfThisMachine() throws IOException {
        HostFactsResolver real = new HostFactsResolver(http, Duration.ofSeconds(2), Path.of("/proc"));

        HostFacts facts = real.resolve(HostSpec.none(), true).facts().orElseThrow();

        assertThat(facts.memoryBytes()).isEqualTo(ProcMeminfo.bytes("MemTotal"));
        assertThat(facts.swapBytes()).isEqualTo(ProcMeminfo.bytes("SwapTotal"));
        assertThat(facts.cpus()).isGreaterThanOrEqualTo(1);
        assertThat(facts.source()).isEqualTo("/proc");
    }
}
