package io.dbwarden.report;

import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * An indenting front to {@link XMLStreamWriter}, which does the escaping. Text is also stripped
 * of characters XML 1.0 cannot carry at all (control characters in a driver's error message
 * would otherwise make the whole file unparseable).
 */
final class XmlOut {

    private final XMLStreamWriter xml;
    /** Per open element: whether it has child elements, which decides where its end tag goes. */
    private final Deque<Boolean> open = new ArrayDeque<>();

    XmlOut(OutputStream out) {
        try {
            xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write XML", e);
        }
    }

    XmlOut start(String name) {
        run(() -> {
            beginChild();
            xml.writeStartElement(name);
        });
        open.push(false);
        return this;
    }

    XmlOut empty(String name) {
        run(() -> {
            beginChild();
            xml.writeEmptyElement(name);
        });
        return this;
    }

    XmlOut attribute(String name, String value) {
        run(() -> xml.writeAttribute(name, legal(value)));
        return this;
    }

    XmlOut text(String text) {
        run(() -> xml.writeCharacters(legal(text)));
        return this;
    }

    XmlOut end() {
        boolean hadChildren = open.pop();
        run(() -> {
            if (hadChildren) {
                newline();
            }
            xml.writeEndElement();
        });
        return this;
    }

    void finish() {
        run(() -> {
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.flush();
        });
    }

    private void beginChild() throws XMLStreamException {
        if (!open.isEmpty()) {
            open.pop();
            open.push(true);
        }
        newline();
    }

    private void newline() throws XMLStreamException {
        xml.writeCharacters("\n" + "  ".repeat(open.size()));
    }

    static String legal(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(c -> sb.appendCodePoint(isLegal(c) ? c : 0xFFFD));
        return sb.toString();
    }

    private static boolean isLegal(int c) {
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }

    private interface XmlAction {
        void run() throws XMLStreamException;
    }

    private static void run(XmlAction action) {
        try {
            action.run();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write XML", e);
        }
    }
}
