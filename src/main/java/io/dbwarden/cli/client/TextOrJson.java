package io.dbwarden.cli.client;

/** The output formats of the client commands; lower-case so picocli accepts {@code --format json} as written. */
enum TextOrJson {
    text, json
}
