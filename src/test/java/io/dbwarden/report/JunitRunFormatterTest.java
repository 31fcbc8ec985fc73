package io.dbwarden.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.check.Severity;
import io.dbwarden.run.RunReport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JunitRunFormatterTest {

    private static Document parse(RunReport report) throws Exception {
        byte[] xml = Reports.renderBytes(new JunitRunFormatter(), report);
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    private static Element suite(Document doc, int index) {
        return (Element) doc.getElementsByTagName("testsuite").item(index);
    }

    @Test
    void countsEveryItemOfTheRunOnTheRootElement() throws Exception {
        Element root = parse(Reports.sample()).getDocumentElement();

        assertThat(root.getTagName()).isEqualTo("testsuites");
        assertThat(root.getAttribute("tests")).isEqualTo("9");
        assertThat(root.getAttribute("failures")).isEqualTo("3");
        assertThat(root.getAttribute("errors")).isEqualTo("2");
        assertThat(root.getAttribute("skipped")).isEqualTo("3");
        assertThat(root.getAttribute("time")).isEqualTo("0.412");
    }

    @Test
    void hasOneSuitePerTargetWithOneCasePerCheck() throws Exception {
        Document doc = parse(Reports.sample());

        assertThat(doc.getElementsByTagName("testsuite").getLength()).isEqualTo(2);
        Element pg = suite(doc, 0);
        assertThat(pg.getAttribute("name")).isEqualTo("prod-pg");
        assertThat(pg.getAttribute("tests")).isEqualTo("8");
        assertThat(pg.getAttribute("failures")).isEqualTo("3");
        assertThat(pg.getAttribute("errors")).isEqualTo("1");
        assertThat(pg.getAttribute("skipped")).isEqualTo("3");
        NodeList cases = pg.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(8);
        Element first = (Element) cases.item(0);
        assertThat(first.getAttribute("classname")).isEqualTo("dbwarden.prod-pg");
        assertThat(first.getAttribute("name")).isEqualTo("superuser_login");
        assertThat(first.getAttribute("time")).isEqualTo("0.007");
    }

    @Test
    void turnsFindingsIntoAFailureTypedByTheHighestSeverity() throws Exception {
        Element failure = (Element) suite(parse(Reports.sample()), 0).getElementsByTagName("failure").item(1);

        assertThat(failure.getAttribute("message")).isEqualTo("2 findings");
        assertThat(failure.getAttribute("type")).isEqualTo("warning");
        assertThat(failure.getTextContent()).contains("user=app, host=%", "Role app uses md5",
                "fix: ALTER SYSTEM SET password_encryption", "Role report uses md5");
    }

    @Test
    void turnsFailedChecksIntoErrorsAndSkippedChecksIntoSkips() throws Exception {
        Element pg = suite(parse(Reports.sample()), 0);

        Element error = (Element) pg.getElementsByTagName("error").item(0);
        assertThat(error.getAttribute("message")).isEqualTo("permission denied for view pg_stat_statements");
        assertThat(((Element) error.getParentNode()).getAttribute("name")).isEqualTo("statement_stats");
        Element skipped = (Element) pg.getElementsByTagName("skipped").item(0);
        assertThat(skipped.getAttribute("message")).isEqualTo("applies to mariadb only");
    }

    @Test
    void leavesPassingChecksEmpty() throws Exception {
        Element ok = (Element) suite(parse(Reports.sample()), 0).getElementsByTagName("testcase").item(1);

        assertThat(ok.getAttribute("name")).isEqualTo("ssl_enabled");
        assertThat(ok.getChildNodes().getLength()).isZero();
    }

    @Test
    void givesAnUnreachableTargetAnErringCaseSoItsSuiteIsNotGreen() throws Exception {
        Element my = suite(parse(Reports.sample()), 1);

        assertThat(my.getAttribute("tests")).isEqualTo("1");
        assertThat(my.getAttribute("errors")).isEqualTo("1");
        Element error = (Element) my.getElementsByTagName("error").item(0);
        assertThat(error.getAttribute("message")).isEqualTo("could not be checked: connection refused");
    }

    @Test
    void escapesMarkupCharactersInMessagesAndBodies() throws Exception {
        String nasty = "a < b && c > \"d\" 'e'";
        Document doc = parse(Reports.single(Severity.WARNING, Map.of("user", nasty), nasty, nasty));

        Element failure = (Element) doc.getElementsByTagName("failure").item(0);
        assertThat(failure.getTextContent()).contains("user=" + nasty, "  " + nasty, "fix: " + nasty);
        Element error = (Element) parse(Reports.erring(nasty)).getElementsByTagName("error").item(0);
        assertThat(error.getAttribute("message")).isEqualTo(nasty);
    }

    @Test
    void replacesCharactersXmlCannotCarrySoTheFileStillParses() throws Exception {
        Element error = (Element) parse(Reports.erring("bad\u0000byte\u001b[0m")).getElementsByTagName("error").item(0);

        assertThat(error.getAttribute("message")).isEqualTo("bad\uFFFDbyte\uFFFD[0m");
    }

    @Test
    void writesUtf8WhateverTheStreamCharset() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new JunitRunFormatter().write(Reports.erring("Zürich ☃"), new PrintStream(bytes, true, StandardCharsets.ISO_8859_1));
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(bytes.toByteArray()));

        assertThat(((Element) doc.getElementsByTagName("error").item(0)).getAttribute("message")).isEqualTo("Zürich ☃");
    }
}
