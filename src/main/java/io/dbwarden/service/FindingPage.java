package io.dbwarden.service;

import java.util.List;
import java.util.Optional;

/** One page of findings; {@code nextOffset} is where the next page starts, empty on the last one. */
public record FindingPage(List<FindingView> findings, int limit, int offset, Optional<Integer> nextOffset) {
    public FindingPage {
        findings = List.copyOf(findings);
    }
}
