package io.dbwarden.service;

import java.util.Optional;

/** How one (target, check) pair of a run ended: {@code ok}, {@code findings}, {@code error} or {@code skipped}. */
public record RunItemView(String target, String check, String status, Optional<String> reason, long millis) {
}
