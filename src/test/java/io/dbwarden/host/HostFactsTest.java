package io.dbwarden.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbwarden.fact.Unavailable;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostFactsTest {

    @Test
    void celMapHoldsMemoryCpusSwapAndSourceAsCelTypes() {
        Map<String, Object> map = new HostFacts(1024, 4, 0L, "declared").toCelMap();

        assertThat(map).containsExactly(
                Map.entry("memory", 1024L), Map.entry("cpus", 4L), Map.entry("swap", 0L), Map.entry("source", "declared"));
        assertThat(map.get("cpus")).isInstanceOf(Long.class);
    }

    @Test
    void celMapLeavesUnknownCpusAndSwapOut() {
        assertThat(new HostFacts(1024, null, null, "/proc").toCelMap())
                .containsExactly(Map.entry("memory", 1024L), Map.entry("source", "/proc"));
    }

    @Test
    void rejectsImpossibleFacts() {
        assertThatThrownBy(() -> new HostFacts(0, null, null, "declared"))
                .hasMessage("Host memory must be a positive number of bytes, got 0.");
        assertThatThrownBy(() -> new HostFacts(1, 0, null, "declared"))
                .hasMessage("Host CPU count must be positive when known, got 0.");
        assertThatThrownBy(() -> new HostFacts(1, null, -1L, "declared"))
                .hasMessage("Host swap must not be negative when known, got -1 bytes.");
        assertThatThrownBy(() -> new HostFacts(1, null, null, " "))
                .hasMessage("Host facts need a source such as \"declared\" or \"/proc\".");
    }

    @Test
    void specFromOptionsParsesSizesAndUrls() {
        HostSpec spec = HostSpec.fromOptions("64GiB", 16, " http://db1:9100 ");

        assertThat(spec).isEqualTo(new HostSpec(64L << 30, 16, URI.create("http://db1:9100")));
        assertThat(HostSpec.fromOptions(null, null, null)).isEqualTo(HostSpec.none());
    }

    @Test
    void specRejectsBadValuesNamingThemAsTheCallerDoes() {
        HostSpec.Names flags = new HostSpec.Names("--host-memory", "--host-cpus", "--node-exporter");
        assertThatThrownBy(() -> HostSpec.parse("lots", null, null, flags))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--host-memory: Invalid byte size \"lots\"");
        assertThatThrownBy(() -> HostSpec.parse(null, null, "http://db1:9100/a b", flags))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--node-exporter \"http://db1:9100/a b\" is not a valid URL");
        assertThatThrownBy(() -> HostSpec.parse(null, -2, null, flags))
                .hasMessage("--host-cpus must be positive, got -2.");
        assertThatThrownBy(() -> HostSpec.fromOptions("0B", null, null))
                .as("the configuration file's names by default")
                .hasMessage("memory must be positive, got 0 bytes.");
        assertThatThrownBy(() -> HostSpec.fromOptions(null, null, "db1:9100"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be an http or https URL with a host");
        assertThatThrownBy(() -> new HostSpec(0L, null, null))
                .hasMessage("memory must be positive, got 0 bytes.");
        assertThatThrownBy(() -> new HostSpec(null, -2, null))
                .hasMessage("cpus must be positive, got -2.");
    }

    @Test
    void resultIsEitherFactsOrAReason() {
        HostFacts facts = new HostFacts(1, null, null, "declared");
        Unavailable why = new Unavailable.Failed("no idea");

        assertThat(HostFactsResult.known(facts).isKnown()).isTrue();
        assertThat(HostFactsResult.unavailable(why).isKnown()).isFalse();
        assertThat(HostFactsResult.unavailable(why).unknownReason()).isEqualTo("no idea");
        assertThatThrownBy(() -> new HostFactsResult(Optional.of(facts), why))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HostFactsResult(Optional.empty(), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Unavailable.Failed(" "))
                .hasMessage("an unavailable fact needs a sentence saying why");
        assertThatThrownBy(() -> new HostFactsResult(null, why)).isInstanceOf(NullPointerException.class);
    }
}
