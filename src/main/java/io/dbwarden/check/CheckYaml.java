package io.dbwarden.check;

import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Reads the YAML of a check file into nodes, refusing what a check never needs and an attacker would
 * use: anchors and aliases (a 2.7 KB file of nested aliases ran 91 s and ran out of memory), collections
 * nested deeper than {@link CheckFileLimits#MAX_NESTING_DEPTH}, more than one document. Every refusal
 * names the file, line and column.
 */
final class CheckYaml {

    private CheckYaml() {}

    static Node compose(String file, String text) throws CheckFileException {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(file)
                .setAllowDuplicateKeys(false)
                .setAllowRecursiveKeys(false)
                .setCodePointLimit(CheckFileLimits.MAX_FILE_BYTES)
                .build();
        Parser parser = new GuardedParser(new ParserImpl(settings, new StreamReader(settings, text)));
        try {
            Optional<Node> single = new Composer(settings, parser).getSingleNode();
            if (single.isEmpty()) {
                throw problem(file, 1, 1, "the file is empty");
            }
            return single.get();
        } catch (Refused e) {
            Mark mark = e.mark.orElse(null);
            throw problem(file, mark == null ? 1 : mark.getLine() + 1, mark == null ? 1 : mark.getColumn() + 1,
                    e.getMessage());
        } catch (MarkedYamlEngineException e) {
            Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
            String message = e.getProblem() == null ? e.getMessage() : e.getProblem();
            throw problem(file, mark == null ? 1 : mark.getLine() + 1, mark == null ? 1 : mark.getColumn() + 1,
                    "invalid YAML: " + message);
        } catch (RuntimeException e) {
            throw problem(file, 1, 1, "invalid YAML: " + e.getMessage());
        } catch (StackOverflowError e) {
            // the depth limit stops nesting first; this is the last resort should some other input recurse
            throw problem(file, 1, 1, "the YAML is too deeply nested to be read");
        }
    }

    private static CheckFileException problem(String file, int line, int column, String message) {
        return new CheckFileException(List.of(new CheckProblem(file, line, column, message)));
    }

    /** Passes the parser's events to the composer, refusing aliases, anchors and excess depth on the way. */
    private static final class GuardedParser implements Parser {
        private final Parser parser;
        private int depth;

        GuardedParser(Parser parser) {
            this.parser = parser;
        }

        @Override
        public boolean checkEvent(Event.ID id) {
            return parser.checkEvent(id);
        }

        @Override
        public Event peekEvent() {
            return parser.peekEvent();
        }

        @Override
        public boolean hasNext() {
            return parser.hasNext();
        }

        @Override
        public Event next() {
            Event event = parser.next();
            switch (event.getEventId()) {
                case Alias -> throw new Refused(event, "YAML aliases (*name) are not allowed in check files");
                case SequenceStart, MappingStart -> {
                    if (++depth > CheckFileLimits.MAX_NESTING_DEPTH) {
                        throw new Refused(event, "the YAML nests deeper than " + CheckFileLimits.MAX_NESTING_DEPTH
                                + " levels, the most a check file may");
                    }
                }
                case SequenceEnd, MappingEnd -> depth--;
                default -> { }
            }
            if (event instanceof NodeEvent node && node.getAnchor().isPresent()) {
                throw new Refused(event, "YAML anchors (&" + node.getAnchor().get().getValue() + ") are not allowed in check files");
            }
            return event;
        }
    }

    private static final class Refused extends RuntimeException {
        private final Optional<Mark> mark;

        Refused(Event event, String message) {
            super(message, null, false, false);
            this.mark = event.getStartMark();
        }
    }
}
