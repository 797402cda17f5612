package io.whatsdev.camel.docs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every rendered page carries the navigation: the docs build puts {@code docs/modules/ROOT/docinfo/docinfo-header.html}
 * at the top of each page (Asciidoctor's shared header docinfo), and this test makes that file from {@code nav.adoc}.
 * When it is out of date the test writes it anew and fails: commit it.
 */
class DocsNavTest {

    private static final Path NAV = Path.of("../docs/modules/ROOT/nav.adoc");
    private static final Path HEADER = Path.of("../docs/modules/ROOT/docinfo/docinfo-header.html");
    private static final Pattern ITEM = Pattern.compile("^(\\*+) xref:([A-Za-z0-9._-]+)\\.adoc\\[([^\\]]*)]\\s*$");

    @Test
    void everyPageCarriesTheNavigation() throws Exception {
        String fresh = html(Files.readAllLines(NAV, StandardCharsets.UTF_8));
        String committed = Files.exists(HEADER) ? Files.readString(HEADER, StandardCharsets.UTF_8) : null;
        if (!fresh.equals(committed)) {
            Files.createDirectories(HEADER.getParent());
            Files.writeString(HEADER, fresh, StandardCharsets.UTF_8);
            fail("docs/modules/ROOT/docinfo/docinfo-header.html was out of date and has been made anew from nav.adoc: commit it");
        }
    }

    /** nav.adoc's nested list as nested HTML lists of links to the rendered pages (a sub-list inside its item). */
    static String html(List<String> nav) {
        StringBuilder sb = new StringBuilder("<!-- made from nav.adoc by DocsNavTest: edit nav.adoc, not this file -->\n");
        sb.append("<nav class=\"whatsdev-nav\" style=\"padding:0.5em 1em;border-bottom:1px solid #ddd;font-size:0.9em\">\n");
        int depth = 0;
        for (String line : nav) {
            Matcher m = ITEM.matcher(line);
            if (!m.matches()) {
                continue;
            }
            int level = m.group(1).length();
            if (level > depth) {
                for (; depth < level; depth++) {
                    sb.append("<ul>");
                }
            } else {
                sb.append("</li>");
                for (; depth > level; depth--) {
                    sb.append("</ul></li>");
                }
            }
            sb.append("\n").append("  ".repeat(level)).append("<li><a href=\"").append(m.group(2)).append(".html\">")
                    .append(m.group(3).replace("&", "&amp;").replace("<", "&lt;")).append("</a>");
        }
        if (depth > 0) {
            sb.append("</li>");
        }
        for (; depth > 0; depth--) {
            sb.append(depth > 1 ? "</ul></li>" : "</ul>");
        }
        return sb.append("\n</nav>\n").toString();
    }
}
