package io.whatsdev.camel.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No broken cross-reference in the docs: every {@code xref:} names a page that exists (and an anchor that page has),
 * every {@code include::} a file that exists. Asciidoctor itself renders a missing xref target without complaint.
 */
class DocsLinksTest {

    private static final Path ROOT = Path.of("../docs/modules/ROOT");
    private static final Pattern XREF = Pattern.compile("xref:([A-Za-z0-9._-]+\\.adoc)(#[A-Za-z0-9_-]+)?\\[");
    private static final Pattern INCLUDE = Pattern.compile("^include::([^\\[]+)\\[", Pattern.MULTILINE);
    private static final Pattern SECTION = Pattern.compile("^=+ (.+)$", Pattern.MULTILINE);
    private static final Pattern ANCHOR = Pattern.compile("\\[\\[([A-Za-z0-9_-]+)\\]\\]|\\[#([A-Za-z0-9_-]+)\\]");

    private static List<Path> pages() throws IOException {
        try (Stream<Path> s = Files.walk(ROOT)) {
            return s.filter(p -> p.toString().endsWith(".adoc")).sorted().toList();
        }
    }

    /** Section ids as Asciidoctor makes them by default (idprefix "_", idseparator "_"), plus explicit anchors. */
    private static Set<String> anchors(Path page) throws IOException {
        String text = Files.readString(page);
        Set<String> ids = new HashSet<>();
        Matcher m = SECTION.matcher(text);
        while (m.find()) {
            ids.add("_" + m.group(1).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", ""));
        }
        Matcher a = ANCHOR.matcher(text);
        while (a.find()) {
            ids.add(a.group(1) != null ? a.group(1) : a.group(2));
        }
        return ids;
    }

    @Test
    void everyCrossReferenceAndIncludeResolves() throws Exception {
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (Path page : pages()) {
            String text = Files.readString(page);
            Matcher x = XREF.matcher(text);
            while (x.find()) {
                links++;
                Path target = ROOT.resolve("pages").resolve(x.group(1));
                if (!Files.exists(target)) {
                    broken.add(page.getFileName() + ": xref to missing page " + x.group(1));
                } else if (x.group(2) != null && !anchors(target).contains(x.group(2).substring(1))) {
                    broken.add(page.getFileName() + ": xref to missing anchor " + x.group(1) + x.group(2));
                }
            }
            Matcher inc = INCLUDE.matcher(text);
            while (inc.find()) {
                links++;
                if (!Files.exists(page.getParent().resolve(inc.group(1)))) {
                    broken.add(page.getFileName() + ": include of missing file " + inc.group(1));
                }
            }
        }
        assertTrue(links > 20, "the docs have cross-references to check: " + links);
        assertEquals(List.of(), broken);
    }

    @Test
    void everyPageIsInTheNavigation() throws Exception {
        String nav = Files.readString(ROOT.resolve("nav.adoc"));
        for (Path page : pages()) {
            if (page.getParent().endsWith("pages")) {
                assertTrue(nav.contains("xref:" + page.getFileName() + "["), page.getFileName() + " is not in nav.adoc");
            }
        }
    }
}
