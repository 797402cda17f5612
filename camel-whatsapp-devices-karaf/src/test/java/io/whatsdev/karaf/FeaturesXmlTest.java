package io.whatsdev.karaf;

import java.io.File;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The features repository as the build filtered it ({@code target/feature/feature.xml}): valid against Karaf's own
 * features schema, its bundles this build's artifacts, and the Camel features it requires present in camel-karaf. camel-karaf
 * 4.18's descriptor and bundles do not resolve in this build's Maven repository, so that last check reads the newest
 * descriptor that does ({@code camel-karaf.resolvable.version} in the pom).
 */
class FeaturesXmlTest {

    private static final String NS = "http://karaf.apache.org/xmlns/features/v1.6.0";
    private static final Path FEATURES = Path.of(System.getProperty("whatsdev.features"));
    private static final String VERSION = System.getProperty("whatsdev.version");
    private static final String CAMEL = System.getProperty("camel.version");

    private static Document parse(File file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        return f.newDocumentBuilder().parse(file);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }

    /** The features of a repository, by name (the last one of a name wins: enough for these checks). */
    private static Map<String, Element> features(Document d) {
        Map<String, Element> byName = new TreeMap<>();
        children(d.getDocumentElement(), "feature").forEach(e -> byName.put(e.getAttribute("name"), e));
        return byName;
    }

    @Test
    void validAgainstKarafsFeaturesSchema() throws Exception {
        Document d = parse(FEATURES.toFile());
        assertEquals(NS, d.getDocumentElement().getNamespaceURI());
        URL xsd = getClass().getClassLoader().getResource("org/apache/karaf/features/karaf-features-1.6.0.xsd");
        assertNotNull(xsd, "karaf-features-1.6.0.xsd from org.apache.karaf.features.core");
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(xsd).newValidator()
                .validate(new StreamSource(FEATURES.toFile()));
    }

    @Test
    void everyPlaceholderWasFilled() throws Exception {
        String text = Files.readString(FEATURES, StandardCharsets.UTF_8);
        assertFalse(text.contains("${"), "unfilled placeholder in " + FEATURES);
    }

    @Test
    void theCamelRepositoryIsCamelKarafOfTheCamelBuiltAgainst() throws Exception {
        Element root = parse(FEATURES.toFile()).getDocumentElement();
        List<String> repositories = children(root, "repository").stream().map(Element::getTextContent).map(String::strip).toList();
        assertEquals(List.of("mvn:org.apache.camel.karaf/apache-camel/" + CAMEL + "/xml/features"), repositories);
    }

    @Test
    void camelWhatsdevInstallsTheComponentOnCamelCoreHttpAndJackson() throws Exception {
        Element feature = features(parse(FEATURES.toFile())).get("camel-whatsdev");
        assertNotNull(feature, "feature camel-whatsdev");
        Map<String, String> required = new TreeMap<>();
        children(feature, "feature").forEach(e -> required.put(e.getTextContent().strip(), e.getAttribute("version")));
        assertEquals(List.of("camel-core", "camel-http", "camel-jackson"), List.copyOf(required.keySet()));
        required.forEach((name, range) -> assertTrue(new VersionRange(range).includes(Version.parseVersion(CAMEL)), name + " " + range));

        List<String> bundles = children(feature, "bundle").stream().map(Element::getTextContent).map(String::strip).toList();
        assertEquals(List.of("mvn:io.whatsdev/camel-whatsapp-devices/" + VERSION), bundles,
                "the only bundle is this build's component; everything else comes with the Camel features");
    }

    @Test
    void theRequiredCamelFeaturesBringWhatTheBundleImportsBesideCamel() throws Exception {
        String resolvable = System.getProperty("camel-karaf.resolvable.features");
        Document d = parse(new File(resolvable));
        Map<String, Element> camel = features(d);
        for (String name : List.of("camel-core", "camel-http", "camel-jackson")) {
            assertNotNull(camel.get(name), name + " in " + resolvable);
        }
        // the bundle imports org.apache.hc.* (httpclient5, httpcore5) and com.fasterxml.jackson.* besides Camel
        assertTrue(requires(camel.get("camel-http"), "http-client"), "camel-http requires http-client");
        assertTrue(bundlesOf(d, "http-client").contains("httpclient5"), "http-client brings httpclient5");
        assertTrue(bundlesOf(d, "http-client").contains("httpcore5"), "http-client brings httpcore5");
        assertTrue(requires(camel.get("camel-jackson"), "jackson"), "camel-jackson requires jackson");
        assertTrue(bundlesOf(d, "jackson").contains("jackson-databind"), "jackson brings jackson-databind");
        assertTrue(bundlesOf(d, "camel-core").contains("camel-health"), "camel-core brings camel-health");
    }

    private static boolean requires(Element feature, String name) {
        return children(feature, "feature").stream().anyMatch(e -> name.equals(e.getTextContent().strip()));
    }

    /** The bundle URLs of every feature of that name (all its versions), joined. */
    private static String bundlesOf(Document d, String name) {
        StringBuilder sb = new StringBuilder();
        for (Element f : children(d.getDocumentElement(), "feature")) {
            if (name.equals(f.getAttribute("name"))) {
                children(f, "bundle").forEach(b -> sb.append(b.getTextContent().strip()).append('\n'));
            }
        }
        return sb.toString();
    }
}
