package io.dbwarden.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EngineTest {

    @Test
    void idsAreTheLowerCaseNames() {
        assertThat(Engine.MYSQL.id()).isEqualTo("mysql");
        assertThat(Engine.POSTGRESQL.id()).isEqualTo("postgresql");
        assertThat(Engine.MONGODB.id()).isEqualTo("mongodb");
    }

    @Test
    void fromIdFindsEachEngineIgnoringCase() {
        for (Engine engine : Engine.values()) {
            assertThat(Engine.fromId(engine.id())).isSameAs(engine);
            assertThat(Engine.fromId(" " + engine.id().toUpperCase() + " ")).isSameAs(engine);
        }
    }

    @Test
    void fromIdRejectsAnUnknownIdListingTheValidOnes() {
        assertThatThrownBy(() -> Engine.fromId("postgres"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown engine 'postgres' (expected one of: mysql, postgresql, mongodb)");
        assertThatThrownBy(() -> Engine.fromId(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
