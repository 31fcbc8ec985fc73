package io.dbwarden.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebSettingsTest {

    @Test
    void theDefaultsServeAFreshMachineOnLoopback() {
        WebSettings settings = WebSettings.builder().build();

        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.port()).isEqualTo(9650);
        assertThat(settings.routePrefix()).isEmpty();
        assertThat(settings.tokens()).isEmpty();
        assertThat(settings.operational()).isEqualTo(OperationalAccess.OPEN);
        assertThat(settings.drainTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aRoutePrefixLosesItsTrailingSlashAndASlashAloneMeansNone() {
        assertThat(WebSettings.builder().routePrefix("/alertmanager/").build().routePrefix())
                .isEqualTo("/alertmanager");
        assertThat(WebSettings.builder().routePrefix("/a/b").build().routePrefix()).isEqualTo("/a/b");
        assertThat(WebSettings.builder().routePrefix("/").build().routePrefix()).isEmpty();
    }

    @Test
    void aRoutePrefixThatIsNotAPathIsRefused() {
        for (String bad : List.of("alertmanager", "/a b", "/a//b", "/{x}", "/a?b")) {
            assertThatThrownBy(() -> WebSettings.builder().routePrefix(bad).build())
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("the route prefix must be a path such as /alertmanager");
        }
    }

    @Test
    void twoTokensWithOneNameAreRefused() {
        List<ApiToken> tokens = List.of(new ApiToken("ci", Role.VIEWER, TokenHash.of("a")),
                new ApiToken("ci", Role.ADMIN, TokenHash.of("b")));

        assertThatThrownBy(() -> WebSettings.builder().tokens(tokens).build())
                .hasMessage("two API tokens are named 'ci'");
    }

    @Test
    void twoTokensWithOneHashAreRefused() {
        List<ApiToken> tokens = List.of(new ApiToken("ci", Role.VIEWER, TokenHash.of("same")),
                new ApiToken("dba", Role.ADMIN, TokenHash.of("same")));

        assertThatThrownBy(() -> WebSettings.builder().tokens(tokens).build())
                .hasMessage("API tokens 'ci' and 'dba' have the same hash, so one token would have two roles");
    }

    @Test
    void aTokenNameMustBePlain() {
        assertThatThrownBy(() -> new ApiToken("ci viewer", Role.VIEWER, TokenHash.of("a")))
                .hasMessageStartingWith("token name 'ci viewer' must be 1 to 63 characters");
    }

    @Test
    void aPortOutOfRangeOrABlankHostIsRefused() {
        assertThatThrownBy(() -> WebSettings.builder().listen("127.0.0.1", 70_000).build())
                .hasMessage("the listen port must be 0 to 65535, got 70000");
        assertThatThrownBy(() -> WebSettings.builder().listen(" ", 1).build())
                .hasMessage("the listen host must be an address or a name, got ' '");
    }

    @Test
    void rolesReadFromConfigurationByTheirNames() {
        assertThat(Role.fromId("operator")).isEqualTo(Role.OPERATOR);
        assertThat(Role.ADMIN.allows(Role.OPERATOR)).isTrue();
        assertThat(Role.VIEWER.allows(Role.OPERATOR)).isFalse();
        assertThatThrownBy(() -> Role.fromId("root"))
                .hasMessage("unknown role 'root' (expected viewer, operator, admin)");
    }
}
