package io.dbwarden.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * The tokens of a text when servers may disagree about parts of it: a chain of tokens in which a part may be a
 * choice between alternative token runs over the same stretch of text (a MySQL version comment is code on one
 * server and a comment on another). Every path from the start to the end is one server's reading. The guard's rules
 * are local (a token and its two neighbours each side), so they are checked on every path without walking every
 * path: a text with ten such comments has a thousand readings but only a few dozen neighbourhoods.
 */
final class TokenGraph {

    /**
     * Most tokens that may directly follow or precede one token across adjacent choices. Each token is checked with
     * every pair of tokens that may follow it and every pair that may precede it, so the work per token grows with
     * the square of this bound; the built-in checks need 6 (two adjacent six-digit {@code /*M!} comments).
     */
    static final int MAX_BRANCHING = 16;

    /** Index of the virtual end in successor lists and of the virtual start in predecessor lists. */
    static final int EDGE = -1;

    private final List<Token> tokens = new ArrayList<>();
    private final List<List<Integer>> successors = new ArrayList<>();
    private final List<List<Integer>> predecessors = new ArrayList<>();
    private final List<Integer> starts;

    /** One part of the text: a token every reading has, or alternatives (an empty one when the part may vanish). */
    sealed interface Part permits Fixed, Choice {}

    record Fixed(Token token) implements Part {}

    record Choice(List<List<Token>> alternatives) implements Part {}

    private TokenGraph(List<Part> parts) throws UnreadableSqlException {
        // firsts.get(p): the tokens that may come first from part p on, EDGE when every part from p may vanish.
        List<List<Integer>> firsts = new ArrayList<>();
        for (int p = 0; p <= parts.size(); p++) {
            firsts.add(null);
        }
        firsts.set(parts.size(), List.of(EDGE));
        List<int[]> firstIds = new ArrayList<>();
        for (Part part : parts) {
            if (part instanceof Fixed f) {
                firstIds.add(new int[] {add(f.token())});
            } else {
                Choice c = (Choice) part;
                int[] ids = new int[c.alternatives().size()];
                for (int a = 0; a < ids.length; a++) {
                    List<Token> alternative = c.alternatives().get(a);
                    ids[a] = alternative.isEmpty() ? EDGE : add(alternative.get(0));
                    for (int t = 1; t < alternative.size(); t++) {
                        int id = add(alternative.get(t));
                        link(id - 1, id);
                    }
                }
                firstIds.add(ids);
            }
        }
        for (int p = parts.size() - 1; p >= 0; p--) {
            List<Integer> from = new ArrayList<>();
            for (int id : firstIds.get(p)) {
                if (id == EDGE) {
                    from.addAll(firsts.get(p + 1));
                } else {
                    from.add(id);
                }
            }
            firsts.set(p, from.stream().distinct().toList());
        }
        for (int p = 0; p < parts.size(); p++) {
            for (int last : lastIds(parts.get(p), firstIds.get(p))) {
                for (int next : firsts.get(p + 1)) {
                    if (next == EDGE) {
                        if (!successors.get(last).contains(EDGE)) {
                            successors.get(last).add(EDGE);
                        }
                    } else {
                        link(last, next);
                    }
                }
            }
        }
        starts = firsts.get(0);
        for (int id = 0; id < tokens.size(); id++) {
            if (successors.get(id).size() > MAX_BRANCHING || predecessors.get(id).size() > MAX_BRANCHING) {
                throw new UnreadableSqlException("the token " + tokens.get(id).where() + " may be followed or preceded"
                        + " by more than " + MAX_BRANCHING + " others, depending on how servers read the version"
                        + " comments around it; use fewer of them");
            }
        }
        for (int id : starts) {
            if (id != EDGE) {
                predecessors.get(id).add(EDGE);
            }
        }
    }

    static TokenGraph of(List<Part> parts) throws UnreadableSqlException {
        return new TokenGraph(parts);
    }

    static TokenGraph chain(List<Token> tokens) {
        try {
            return new TokenGraph(tokens.stream().<Part>map(Fixed::new).toList());
        } catch (UnreadableSqlException e) {
            throw new IllegalStateException("a chain has one successor per token", e);
        }
    }

    int size() {
        return tokens.size();
    }

    Token token(int id) {
        return tokens.get(id);
    }

    /** The tokens that may come first; {@link #EDGE} when a reading may have no token at all. */
    List<Integer> starts() {
        return starts;
    }

    /** The tokens that may follow; {@link #EDGE} when the token may be the last. */
    List<Integer> successors(int id) {
        return successors.get(id);
    }

    /** The tokens that may precede; {@link #EDGE} when the token may be the first. */
    List<Integer> predecessors(int id) {
        return predecessors.get(id);
    }

    private int add(Token token) {
        tokens.add(token);
        successors.add(new ArrayList<>());
        predecessors.add(new ArrayList<>());
        return tokens.size() - 1;
    }

    private void link(int from, int to) {
        if (!successors.get(from).contains(to)) {
            successors.get(from).add(to);
            predecessors.get(to).add(from);
        }
    }

    /** The ids of the tokens that may end a part (none for an alternative that is empty). */
    private List<Integer> lastIds(Part part, int[] firstIds) {
        if (part instanceof Fixed) {
            return List.of(firstIds[0]);
        }
        List<Integer> lasts = new ArrayList<>();
        List<List<Token>> alternatives = ((Choice) part).alternatives();
        for (int a = 0; a < alternatives.size(); a++) {
            if (firstIds[a] != EDGE) {
                lasts.add(firstIds[a] + alternatives.get(a).size() - 1);
            }
        }
        return lasts;
    }
}
