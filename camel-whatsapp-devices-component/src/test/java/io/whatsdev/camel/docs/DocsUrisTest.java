package io.whatsdev.camel.docs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.whatsdev.camel.WhatsDevComponent;
import io.whatsdev.camel.provider.GatewayProviders;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every {@code whatsdev:} URI shown in the docs and the README is executed: the endpoint is created in a Camel context,
 * and its consumer or producer is created too, so that a URI a reader copies either works or fails with the error the
 * docs say it fails with ({@link #EXPECTED_REFUSALS}).
 * <p>
 * Where the URIs are found: Java string literals (pieces joined with {@code +}, across lines), YAML {@code uri:} keys
 * with their sibling {@code parameters:} map, XML {@code uri="..."} attributes, and everything else (inline code, other
 * listings, prose). A {@code master:<namespace>:} prefix is dropped. Property placeholders ({@code {{name}}}) get a dummy
 * value that is valid for what the name says ({@link #dummyValue(String)}).
 * <p>
 * A URI is a consumer where it stands in {@code from(...)}, a YAML or XML {@code from}, or behind {@code master:}; a
 * producer in {@code to(...)} or a YAML or XML {@code to}; elsewhere, a producer where it sets {@code operation}, else a
 * consumer. A URI that names no credential at all is created on a component that has credentials set once for all
 * endpoints, as the README shows ({@code camel.component.whatsdev.token = ...}); every other URI on a bare component.
 */
class DocsUrisTest {

    private static final Path PAGES = Path.of("../docs/modules/ROOT/pages");
    private static final Path README = Path.of("../README.md");

    /**
     * URIs the docs show in order to show a refusal, with the text the refusal's message must contain. A key is the URI
     * as found (placeholders not yet replaced). An entry starting with "BUG:" in its comment is a URI the docs present as
     * working that the component refuses.
     */
    private static final Map<String, String> EXPECTED_REFUSALS = new LinkedHashMap<>();

    static {
        // errors.adoc, "Bad options": each row shows a refused URI and its message
        EXPECTED_REFUSALS.put("whatsdev:whatsapp/devices?token=t0ken",
                "Unknown provider 'whatsapp'; known providers: " + String.join(", ", GatewayProviders.all().keySet()));
        EXPECTED_REFUSALS.put("whatsdev:whatspie/devices?token=t0ken&operation=create&packageCode=GOLD",
                "packageCode 'GOLD' is not a whatspie package; allowed: BETA, STARTER60K, STARTUP240K, BUSINESS");
        EXPECTED_REFUSALS.put("whatsdev:whatsgate-net/devices?token=t0ken&subdomain=-acme",
                "subdomain '-acme' is not a DNS label; allowed: 1 to 63 letters, digits and hyphens");
        EXPECTED_REFUSALS.put("whatsdev:wassly/devices?apiKey=k3y1&token=t0ken&deviceId=a/b",
                "deviceId 'a/b' is not a valid device id; allowed: 1 to 128 letters, digits and '. _ - : @ +'");
        EXPECTED_REFUSALS.put("whatsdev:whatspie/devices?token=t0ken&operation=logout",
                "Operation 'logout' is not supported by provider whatspie; providers that support it: "
                + String.join(", ", GatewayProviders.supporting(io.whatsdev.camel.WhatsDevOperation.logout)) + ".");
        EXPECTED_REFUSALS.put("whatsdev:whatspie/devices?token=t0k%0D%0Aen",
                "token contains a control character (U+000D) at position 4; CR, LF and other control characters are not "
                                                                              + "allowed in credentials and header values");
        EXPECTED_REFUSALS.put("whatsdev:witime/devices?token=t0ken&pollConcurrency=0", "pollConcurrency is 0; allowed: 1 to 1000");
        EXPECTED_REFUSALS.put("whatsdev:witime/devices?instanceTokens=inst1=k3y1&pollConcurrency=50&maxConnectionsPerRoute=20",
                "maxConnectionsPerRoute is 20 but pollConcurrency is 50: a poll would call 50 instances at once over at "
                + "most 20 connections, and the others would wait for one. Raise maxConnectionsPerRoute to 50 or more, "
                + "lower pollConcurrency to 20, or leave maxConnectionsPerRoute out: the pool then follows pollConcurrency");
        EXPECTED_REFUSALS.put("whatsdev:whatspie/devices?token=t0ken&responseTimeout=0",
                "responseTimeout is 0 ms; allowed: 1 to 3600000 ms");
        EXPECTED_REFUSALS.put("whatsdev:whatspie/devices?token=t0ken&maxResponseSize=10",
                "maxResponseSize is 10 bytes; allowed: 1024 to 2147483647 bytes");
        EXPECTED_REFUSALS.put("whatsdev:whatspie/devices?token=t0ken&minStableTime=-1s",
                "minStableTime is -1s; a duration must not be negative (milliseconds, or a duration such as 30s)");
        EXPECTED_REFUSALS.put("whatsdev:whatspie/devices?token=t0ken&instanceTokens=inst1=k3y1",
                "instanceTokens is a witime option (one key per instance); whatspie does not take it");
        // a witime endpoint with instanceTokens only is a consumer; its producer needs token
        EXPECTED_REFUSALS.put("whatsdev:witime/devices?instanceTokens=inst1=k3y1&operation=status",
                "token is required for the witime producer (the instance key sent as wid); instanceTokens serves the consumer only");
        // the option's former name
        EXPECTED_REFUSALS.put("whatsdev:witime/devices?instances=inst1=k3y1",
                "instances was renamed instanceTokens (same id=key format)");
    }

    /** Syntax shown as a template, not as a URI to run: each must still be found, so the list cannot go stale. */
    private static final Set<String> TEMPLATES = Set.of(
            "whatsdev:provider/devices?options",
            "whatsdev:provider/devices",
            "whatsdev:provider/resource[?options]",
            "whatsdev:PROVIDER/devices?...");

    /** Java expressions concatenated into a URI in the docs' examples, with the value they have there. */
    private static final Map<String, String> EXPRESSIONS = Map.of(
            "SimulatorCredentials.TOKEN", "sim-token");
    /** {@code sim.baseUrl(Gateway.of("whatspie"))}, or {@code sim.baseUrl(whatspie)} with a variable named as the gateway. */
    private static final Pattern SIM_BASE_URL = Pattern.compile("sim\\.baseUrl\\((?:Gateway\\.of\\(\"([a-z0-9-]+)\"\\)|([a-z][a-zA-Z0-9]*))\\)");

    /** Beans that URIs in the docs refer to ({@code #name}). */
    private static final Map<String, Object> BEANS = Map.of("whatsdevState", new MemoryStateRepository());

    private static final Set<String> CREDENTIALS = Set.of("token", "apikey", "username", "password", "instancetokens");

    private static final Pattern URI_START = Pattern.compile("(?<![A-Za-z0-9_.-])whatsdev:(?=[A-Za-z{])");
    private static final Pattern GENERIC = Pattern.compile("(?<![A-Za-z0-9_.-])whatsdev:[A-Za-z{][^\\s`\"'<>]*");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^}]+)}}");
    private static final Pattern MASTER_PREFIX = Pattern.compile("master:[^:\\s\"'`]+:$");
    private static final Pattern XML_URI = Pattern.compile("<(\\w+)\\b[^>]*?\\buri=\"([^\"]*)\"");
    private static final Pattern SOURCE_STYLE = Pattern.compile("^\\[source(?:,\\s*([A-Za-z0-9]+))?.*]$");
    private static final Pattern YAML_KEY = Pattern.compile("^(\\s*)(-\\s+)?([A-Za-z][A-Za-z0-9_.-]*):\\s*(.*)$");

    enum Role {
        CONSUMER,
        PRODUCER,
        UNKNOWN
    }

    /** A URI found in a file. {@code problem} is set where it could not be read whole (an unknown Java expression). */
    record Found(String file, int line, String uri, Role role, String problem) {
        String where() {
            return file + ":" + line;
        }
    }

    /** A piece of a file: a listing in one language ("java", "yaml", "xml", ...) or prose (""). */
    private record Segment(String lang, int offset, String text) {
    }

    @Test
    void everyUriInTheDocsWorksOrFailsAsDocumented() throws Exception {
        List<Found> found = new ArrayList<>();
        for (Path file : files()) {
            found.addAll(extract(file));
        }
        List<String> failures = new ArrayList<>();
        List<String> report = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        int executed = 0;
        int refused = 0;
        try (CamelContext bare = context(false); CamelContext withDefaults = context(true)) {
            for (Found f : found) {
                seen.add(f.uri());
                if (TEMPLATES.contains(f.uri())) {
                    continue;
                }
                if (f.problem() != null) {
                    failures.add(f.where() + ": " + f.uri() + ": " + f.problem());
                    continue;
                }
                String uri;
                try {
                    uri = substitute(f.uri());
                } catch (IllegalArgumentException e) {
                    failures.add(f.where() + ": " + f.uri() + ": " + e.getMessage());
                    continue;
                }
                executed++;
                String expected = EXPECTED_REFUSALS.get(f.uri());
                Role role = role(f, uri);
                String error = run(hasCredential(uri) ? bare : withDefaults, uri, role);
                report.add(f.where() + " " + role + " " + f.uri() + (error == null ? "" : " -> refused: " + error));
                if (expected == null && error != null) {
                    failures.add(f.where() + ": " + f.uri() + " is refused: " + error);
                } else if (expected != null && error == null) {
                    failures.add(f.where() + ": " + f.uri() + " was expected to be refused with '" + expected + "' but works");
                } else if (expected != null && !error.contains(expected)) {
                    failures.add(f.where() + ": " + f.uri() + " is refused with '" + error + "', expected '" + expected + "'");
                } else if (expected != null) {
                    refused++;
                }
            }
        }
        for (String uri : EXPECTED_REFUSALS.keySet()) {
            if (!seen.contains(uri)) {
                failures.add("EXPECTED_REFUSALS names a URI no longer in the docs: " + uri);
            }
        }
        for (String uri : TEMPLATES) {
            if (!seen.contains(uri)) {
                failures.add("TEMPLATES names a URI no longer in the docs: " + uri);
            }
        }
        report.forEach(line -> System.out.println("DocsUrisTest: " + line));
        System.out.println("DocsUrisTest: " + found.size() + " whatsdev: URIs found, " + executed + " executed, " + refused
                           + " refused as documented");
        assertTrue(executed > 15, "the docs show more than 15 URIs; found " + executed + " (an extraction bug?)");
        if (!failures.isEmpty()) {
            fail(failures.size() + " URI(s) in the docs do not work as shown:\n  " + String.join("\n  ", failures));
        }
    }

    /** The extractor itself, on one sample of each form, so that a bug in it cannot make the test above vacuous. */
    @Test
    void extractionFindsEachForm() {
        String adoc = String.join("\n",
                "= Page",
                "Inline `whatsdev:wassly/devices` and prose.",
                "[source,java]",
                "----",
                "from(\"master:ns:whatsdev:whatspie/devices?token={{whatspie.token}}\"",
                "     + \"&delay=5s\")",
                "    .to(\"whatsdev:whatspie/devices?token=\" + SimulatorCredentials.TOKEN + \"&operation=qr\");",
                "----",
                "[source,yaml]",
                "----",
                "- route:",
                "    from:",
                "      uri: whatsdev:witime/devices",
                "      parameters:",
                "        instanceTokens: \"{{witime.instanceTokens}}\"",
                "        delay: 10s",
                "      steps:",
                "        - to:",
                "            uri: \"whatsdev:whatspie/devices\"",
                "            parameters:",
                "              operation: list",
                "----",
                "[source,xml]",
                "----",
                "<from uri=\"whatsdev:whatspie/devices?token=t&amp;delay=5s\"/>",
                "----");
        List<Found> found = extract("sample.adoc", adoc, false);
        List<String> uris = found.stream().map(f -> f.role() + " " + f.uri() + " @" + f.line()).toList();
        List<String> expected = List.of(
                "UNKNOWN whatsdev:wassly/devices @2",
                "CONSUMER whatsdev:whatspie/devices?token={{whatspie.token}}&delay=5s @5",
                "PRODUCER whatsdev:whatspie/devices?token=sim-token&operation=qr @7",
                "CONSUMER whatsdev:witime/devices?instanceTokens={{witime.instanceTokens}}&delay=10s @13",
                "PRODUCER whatsdev:whatspie/devices?operation=list @19",
                "CONSUMER whatsdev:whatspie/devices?token=t&delay=5s @25");
        if (!expected.equals(uris)) {
            fail("extracted:\n  " + String.join("\n  ", uris) + "\nexpected:\n  " + String.join("\n  ", expected));
        }
    }

    // ---------------------------------------------------------------- running a URI

    private static CamelContext context(boolean componentCredentials) throws Exception {
        DefaultCamelContext context = new DefaultCamelContext();
        BEANS.forEach(context.getRegistry()::bind);
        if (componentCredentials) {
            WhatsDevComponent component = new WhatsDevComponent();
            component.getConfiguration().setToken("t0ken-on-the-component");
            component.getConfiguration().setApiKey("k3y-on-the-component");
            component.getConfiguration().setSubdomain("acme");
            context.addComponent("whatsdev", component);
        }
        context.start();
        return context;
    }

    /** Creates the endpoint and its consumer or producer; null where all went well, else the root cause's message. */
    private static String run(CamelContext context, String uri, Role role) {
        try {
            Endpoint endpoint = context.getEndpoint(uri);
            if (endpoint == null) {
                return "no endpoint";
            }
            if (role == Role.CONSUMER) {
                endpoint.createConsumer(exchange -> {
                });
            } else {
                endpoint.createProducer();
            }
            return null;
        } catch (Exception e) {
            Throwable t = e;
            while (t.getCause() != null && t.getCause() != t) {
                t = t.getCause();
            }
            return t.getClass().getSimpleName() + ": " + t.getMessage();
        }
    }

    private static Role role(Found f, String uri) {
        if (f.role() != Role.UNKNOWN) {
            return f.role();
        }
        return queryNames(uri).contains("operation") ? Role.PRODUCER : Role.CONSUMER;
    }

    private static boolean hasCredential(String uri) {
        return queryNames(uri).stream().anyMatch(CREDENTIALS::contains);
    }

    private static Set<String> queryNames(String uri) {
        Set<String> names = new LinkedHashSet<>();
        int q = uri.indexOf('?');
        if (q >= 0) {
            for (String pair : uri.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                names.add((eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    /** The URI with every placeholder replaced by a dummy value; fails on a placeholder it has no value for. */
    static String substitute(String uri) {
        Matcher m = PLACEHOLDER.matcher(uri);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(dummyValue(m.group(1))));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** A value that is valid for what the placeholder's name says it holds. */
    static String dummyValue(String placeholder) {
        String name = placeholder.replaceFirst("^env:", "").toLowerCase(Locale.ROOT);
        if (name.contains("instance")) {
            return "inst1=k3y1,inst2=k3y2"; // witime instanceTokens: id=key pairs
        } else if (name.contains("email") || name.contains("user")) {
            return "ops@example.com";
        } else if (name.contains("password")) {
            return "pa55w0rd";
        } else if (name.contains("secret")) {
            return "s3cret";
        } else if (name.contains("token") || name.contains("key")) {
            return "t0ken";
        } else if (name.contains("subdomain")) {
            return "acme";
        } else if (name.contains("url")) {
            return "https://gateway.example.com/api";
        } else if (name.contains("phone")) {
            return "628111000001";
        }
        throw new IllegalArgumentException("no dummy value for the placeholder {{" + placeholder + "}}: add one to "
                                           + "DocsUrisTest.dummyValue");
    }

    // ---------------------------------------------------------------- finding the URIs

    private static List<Path> files() throws Exception {
        List<Path> files = new ArrayList<>();
        files.add(README);
        try (Stream<Path> s = Files.list(PAGES)) {
            s.filter(p -> p.toString().endsWith(".adoc")).sorted().forEach(files::add);
        }
        return files;
    }

    private static List<Found> extract(Path file) throws Exception {
        String name = file.getFileName().toString();
        String shown = file.equals(README) ? "README.md" : "docs/modules/ROOT/pages/" + name;
        return extract(shown, Files.readString(file, StandardCharsets.UTF_8), name.endsWith(".md"));
    }

    static List<Found> extract(String file, String text, boolean markdown) {
        List<Found> found = new ArrayList<>();
        for (Segment s : markdown ? markdownSegments(text) : asciidocSegments(text)) {
            switch (s.lang()) {
                case "java" -> java(file, text, s, found);
                case "yaml", "yml" -> yaml(file, text, s, found);
                case "xml" -> xml(file, text, s, found);
                default -> generic(file, text, s, found);
            }
        }
        found.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return found;
    }

    /** Listings delimited by {@code ----} (or {@code ....}), their language from a preceding {@code [source,lang]}. */
    private static List<Segment> asciidocSegments(String text) {
        List<Segment> segments = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        int offset = 0;
        int proseStart = 0;
        String pendingLang = "";
        String open = null;
        String lang = "";
        int blockStart = 0;
        for (String raw : lines) {
            String line = raw.strip();
            int next = offset + raw.length() + 1;
            if (open == null) {
                if (line.equals("----") || line.equals("....")) {
                    segments.add(new Segment("", proseStart, text.substring(proseStart, offset)));
                    open = line;
                    lang = pendingLang;
                    blockStart = Math.min(next, text.length());
                } else {
                    Matcher m = SOURCE_STYLE.matcher(line);
                    // a block title (".Title") or a blank line may stand between the style and the listing
                    pendingLang = m.matches() ? (m.group(1) == null ? "" : m.group(1).toLowerCase(Locale.ROOT))
                            : line.isEmpty() || line.startsWith(".") && !line.startsWith("..") ? pendingLang : "";
                }
            } else if (line.equals(open)) {
                segments.add(new Segment(lang, blockStart, text.substring(blockStart, offset)));
                open = null;
                pendingLang = "";
                proseStart = Math.min(next, text.length());
            }
            offset = next;
        }
        int end = text.length();
        segments.add(new Segment(open == null ? "" : lang, open == null ? proseStart : blockStart,
                text.substring(Math.min(open == null ? proseStart : blockStart, end), end)));
        return segments;
    }

    /** Fenced code blocks (```lang) and prose. */
    private static List<Segment> markdownSegments(String text) {
        List<Segment> segments = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        int offset = 0;
        int proseStart = 0;
        String lang = null;
        int blockStart = 0;
        for (String raw : lines) {
            String line = raw.strip();
            int next = offset + raw.length() + 1;
            if (line.startsWith("```")) {
                if (lang == null) {
                    segments.add(new Segment("", proseStart, text.substring(proseStart, offset)));
                    lang = line.substring(3).strip().toLowerCase(Locale.ROOT);
                    blockStart = Math.min(next, text.length());
                } else {
                    segments.add(new Segment(lang, blockStart, text.substring(blockStart, offset)));
                    lang = null;
                    proseStart = Math.min(next, text.length());
                }
            }
            offset = next;
        }
        int start = lang == null ? proseStart : blockStart;
        segments.add(new Segment(lang == null ? "" : lang, start, text.substring(Math.min(start, text.length()))));
        return segments;
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Inline code, prose and other listings: the URI runs to the next blank, backtick, quote or angle bracket. */
    private static void generic(String file, String whole, Segment s, List<Found> found) {
        Matcher m = GENERIC.matcher(s.text());
        while (m.find()) {
            // a sentence's full stop is not part of the URI; an ellipsis ("?...") is
            String uri = m.group().endsWith("...") ? m.group() : m.group().replaceAll("[.,;:]$", "");
            boolean master = MASTER_PREFIX.matcher(s.text().substring(Math.max(0, m.start() - 200), m.start())).find();
            found.add(new Found(file, lineOf(whole, s.offset() + m.start()), uri, master ? Role.CONSUMER : Role.UNKNOWN, null));
        }
    }

    /** A Java string literal: its bounds in the segment and its value. */
    private record Literal(int start, int end, String value) {
    }

    /** String literals, joined where {@code +} concatenates them (with known expressions in between). */
    private static void java(String file, String whole, Segment s, List<Found> found) {
        String t = s.text();
        List<Literal> literals = new ArrayList<>();
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) == '"') {
                Literal l = literal(t, i);
                literals.add(l);
                i = l.end() - 1;
            }
        }
        Set<Integer> consumed = new LinkedHashSet<>();
        for (int k = 0; k < literals.size(); k++) {
            Literal first = literals.get(k);
            if (consumed.contains(first.start()) || !URI_START.matcher(first.value()).find()) {
                continue;
            }
            StringBuilder value = new StringBuilder(first.value());
            String problem = null;
            int pos = first.end();
            while (true) {
                int p = skipBlank(t, pos);
                if (p >= t.length() || t.charAt(p) != '+') {
                    break;
                }
                p = skipBlank(t, p + 1);
                if (p < t.length() && t.charAt(p) == '"') {
                    Literal next = literal(t, p);
                    consumed.add(next.start());
                    value.append(next.value());
                    pos = next.end();
                } else {
                    int end = expressionEnd(t, p);
                    String expression = t.substring(p, end).strip();
                    String v = expression(expression);
                    if (v == null) {
                        problem = "unknown Java expression '" + expression + "' in the URI: add it to DocsUrisTest.EXPRESSIONS";
                        v = "";
                    }
                    value.append(v);
                    pos = end;
                }
            }
            Matcher m = URI_START.matcher(value);
            m.find();
            String before = value.substring(0, m.start());
            Role role = before.startsWith("master:") ? Role.CONSUMER : callRole(t, first.start());
            found.add(new Found(file, lineOf(whole, s.offset() + first.start()), value.substring(m.start()), role, problem));
        }
    }

    private static Literal literal(String t, int open) {
        StringBuilder v = new StringBuilder();
        int i = open + 1;
        while (i < t.length() && t.charAt(i) != '"' && t.charAt(i) != '\n') {
            char c = t.charAt(i);
            if (c == '\\' && i + 1 < t.length()) {
                char e = t.charAt(++i);
                v.append(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    default -> e;
                });
            } else {
                v.append(c);
            }
            i++;
        }
        return new Literal(open, Math.min(i + 1, t.length()), v.toString());
    }

    private static int skipBlank(String t, int i) {
        while (i < t.length() && Character.isWhitespace(t.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The end of an expression: the first {@code +}, {@code ,}, {@code ;} or unmatched {@code )} outside parentheses. */
    private static int expressionEnd(String t, int i) {
        int depth = 0;
        for (; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            } else if (depth == 0 && (c == '+' || c == ',' || c == ';' || c == '\n')) {
                return i;
            }
        }
        return i;
    }

    private static String expression(String expression) {
        String v = EXPRESSIONS.get(expression);
        if (v != null) {
            return v;
        }
        Matcher m = SIM_BASE_URL.matcher(expression);
        if (!m.matches()) {
            return null;
        }
        String id = m.group(1) != null ? m.group(1) : m.group(2).replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
        return "http://127.0.0.1:8099" + io.whatsdev.simulator.Gateway.of(id).basePath();
    }

    /** Whether the literal is the argument of {@code from(...)} (a consumer) or {@code to(...)} (a producer). */
    private static Role callRole(String t, int literalStart) {
        String before = t.substring(0, literalStart).stripTrailing();
        if (before.endsWith("from(") || before.endsWith("pollEnrich(")) {
            return Role.CONSUMER;
        }
        if (before.endsWith("to(") || before.endsWith("toD(") || before.endsWith("toF(") || before.endsWith("enrich(")) {
            return Role.PRODUCER;
        }
        return Role.UNKNOWN;
    }

    /** {@code uri:} keys (or {@code from:}/{@code to:} shorthands) with the sibling {@code parameters:} map. */
    private static void yaml(String file, String whole, Segment s, List<Found> found) {
        String[] lines = s.text().split("\n", -1);
        int offset = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int lineOffset = offset;
            offset += line.length() + 1;
            Matcher uri = URI_START.matcher(line);
            if (!uri.find()) {
                continue;
            }
            Matcher k = YAML_KEY.matcher(line);
            String value = line.substring(uri.start()).replaceAll("[\"']\\s*$", "").strip();
            int foundLine = lineOf(whole, s.offset() + lineOffset);
            boolean master = MASTER_PREFIX.matcher(line.substring(0, uri.start()).replaceAll("^.*[\\s\"']", "")).find();
            if (!k.matches()) {
                found.add(new Found(file, foundLine, value, master ? Role.CONSUMER : Role.UNKNOWN, null));
                continue;
            }
            int indent = k.group(1).length() + (k.group(2) == null ? 0 : k.group(2).length());
            String key = k.group(3);
            Role role = master ? Role.CONSUMER : keyRole(key);
            if ("uri".equals(key)) {
                if (!master) {
                    role = keyRole(parentKey(lines, i, indent));
                }
                Map<String, String> parameters = siblingParameters(lines, i, indent);
                StringBuilder sb = new StringBuilder(value);
                parameters.forEach((name, v) -> sb.append(sb.indexOf("?") < 0 ? '?' : '&').append(name).append('=').append(v));
                value = sb.toString();
            }
            found.add(new Found(file, foundLine, value, role, null));
        }
    }

    private static Role keyRole(String key) {
        if ("from".equals(key)) {
            return Role.CONSUMER;
        }
        return "to".equals(key) || "toD".equals(key) || "enrich".equals(key) ? Role.PRODUCER : Role.UNKNOWN;
    }

    private static int indentOf(String line) {
        Matcher k = YAML_KEY.matcher(line);
        if (!k.matches()) {
            return line.length() - line.stripLeading().length();
        }
        return k.group(1).length() + (k.group(2) == null ? 0 : k.group(2).length());
    }

    /** The key of the mapping the line at {@code index} belongs to. */
    private static String parentKey(String[] lines, int index, int indent) {
        for (int i = index - 1; i >= 0; i--) {
            if (lines[i].isBlank()) {
                continue;
            }
            Matcher k = YAML_KEY.matcher(lines[i]);
            if (k.matches() && indentOf(lines[i]) < indent) {
                return k.group(3);
            }
        }
        return "";
    }

    /** The {@code parameters:} map beside the key at {@code index} (before or after it), one level deep. */
    private static Map<String, String> siblingParameters(String[] lines, int index, int indent) {
        int at = -1;
        for (int i = index + 1; i < lines.length && at < 0; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            int in = indentOf(lines[i]);
            if (in < indent || in == indent && lines[i].strip().startsWith("- ")) {
                break;
            }
            if (in == indent && lines[i].strip().startsWith("parameters:")) {
                at = i;
            }
        }
        for (int i = index - 1; i >= 0 && at < 0; i--) {
            if (lines[i].isBlank()) {
                continue;
            }
            int in = indentOf(lines[i]);
            if (in < indent) {
                break;
            }
            if (in == indent && lines[i].strip().startsWith("parameters:")) {
                at = i;
            }
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        if (at < 0) {
            return parameters;
        }
        int childIndent = -1;
        for (int i = at + 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            int in = indentOf(lines[i]);
            if (in <= indent) {
                break;
            }
            if (childIndent < 0) {
                childIndent = in;
            }
            Matcher k = YAML_KEY.matcher(lines[i]);
            if (in == childIndent && k.matches()) {
                parameters.put(k.group(3), k.group(4).strip().replaceAll("^[\"'](.*)[\"']$", "$1"));
            }
        }
        return parameters;
    }

    /** {@code uri="..."} attributes, entities decoded; the element says consumer ({@code from}) or producer. */
    private static void xml(String file, String whole, Segment s, List<Found> found) {
        Matcher m = XML_URI.matcher(s.text());
        while (m.find()) {
            String value = m.group(2).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                    .replace("&amp;", "&");
            Matcher u = URI_START.matcher(value);
            if (!u.find()) {
                continue;
            }
            Role role = value.substring(0, u.start()).startsWith("master:") ? Role.CONSUMER : keyRole(m.group(1));
            found.add(new Found(file, lineOf(whole, s.offset() + m.start()), value.substring(u.start()), role, null));
        }
    }
}
