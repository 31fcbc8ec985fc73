package io.dbwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.fact.Unavailable;
import io.dbwarden.fact.Unavailable.NotConfigured;
import io.dbwarden.fact.Unavailable.Setting;
import io.dbwarden.run.ItemStatus;
import io.dbwarden.run.RunItem;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CliAdviceTest {

    private static RunItem skipped(Unavailable why) {
        return new RunItem("db", "a_check", why.skipsCheck() ? ItemStatus.SKIPPED : ItemStatus.ERROR, List.of(),
                Optional.of(why.detail()), 0, Optional.of(why));
    }

    @Test
    void aMissingSettingGetsTheFlagThatProvidesIt() {
        assertThat(CliAdvice.addFlags(skipped(new NotConfigured(Setting.HOST, "host memory unknown"))).reason())
                .contains("host memory unknown; pass --host-memory or --node-exporter");
        assertThat(CliAdvice.addFlags(skipped(new NotConfigured(Setting.SAMPLE, "rates need a sampling window"))).reason())
                .contains("rates need a sampling window; run with --sample DURATION, e.g. --sample 60s");
    }

    @Test
    void whatNoFlagCanFixKeepsItsSentence() {
        for (Unavailable why : List.of(new Unavailable.PrivilegeMissing("privilege missing: permission denied"),
                new Unavailable.NotApplicable("connected over a unix socket"), new Unavailable.Failed("TLS probe failed"))) {
            RunItem item = skipped(why);
            assertThat(CliAdvice.addFlags(item)).isEqualTo(item);
        }
        RunItem plain = new RunItem("db", "a_check", ItemStatus.SKIPPED, List.of(), Optional.of("applies to mariadb only"), 0);
        assertThat(CliAdvice.addFlags(plain)).isEqualTo(plain);
    }
}
