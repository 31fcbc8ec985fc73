package io.dbwarden.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;

/**
 * Instants go to TIMESTAMP WITH TIME ZONE columns as UTC {@link OffsetDateTime}s, which both PostgreSQL's and H2's
 * drivers store exactly, whatever the JVM's time zone; both keep microseconds, so instants are truncated to them.
 */
final class Times {

    private Times() {
    }

    static void register(Jdbi jdbi) {
        jdbi.registerArgument(new AbstractArgumentFactory<Instant>(Types.TIMESTAMP_WITH_TIMEZONE) {
            @Override
            protected Argument build(Instant value, ConfigRegistry config) {
                return (position, statement, ctx) -> bind(statement, position, value);
            }
        });
    }

    private static void bind(PreparedStatement statement, int position, Instant value) throws SQLException {
        statement.setObject(position, OffsetDateTime.ofInstant(stored(value), ZoneOffset.UTC));
    }

    /** The instant as the store keeps it. */
    static Instant stored(Instant value) {
        return value.truncatedTo(ChronoUnit.MICROS);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        if (t == null) {
            throw new StoreException("column " + column + " is unexpectedly NULL");
        }
        return t.toInstant();
    }

    static Optional<Instant> optionalInstant(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }
}
