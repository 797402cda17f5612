package io.whatsdev.karaf;

import java.io.File;
import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import aQute.bnd.header.Attrs;
import aQute.bnd.header.Parameters;
import aQute.bnd.osgi.Processor;
import aQute.bnd.version.MavenVersion;

/**
 * The packages of the Camel, Jackson, httpclient5/httpcore5 and SLF4J jars on this test's class path, each with a
 * version, for an OSGi framework to export from its system bundle ({@code org.osgi.framework.system.packages.extra}).
 * A jar that is a bundle (Jackson, SLF4J) gives its own exports; a plain jar (Camel, httpclient5, httpcore5) exports each
 * of its packages at its Maven version, as camel-karaf's bundles and Karaf's {@code wrap:} protocol do.
 */
final class HostPackages {

    private static final Set<String> GROUPS = Set.of("org.apache.camel", "com.fasterxml.jackson.core",
            "org.apache.httpcomponents.client5", "org.apache.httpcomponents.core5", "org.slf4j");

    private HostPackages() {
    }

    /** Package name to version. */
    static Map<String, String> exports() throws IOException {
        Map<String, String> exports = new TreeMap<>();
        Enumeration<URL> manifests = HostPackages.class.getClassLoader().getResources("META-INF/MANIFEST.MF");
        for (URL manifest : Collections.list(manifests)) {
            if ("jar".equals(manifest.getProtocol())) {
                // a JarFile of its own: the connection's one may be cached and shared
                URL file = ((JarURLConnection) manifest.openConnection()).getJarFileURL();
                try (JarFile jar = new JarFile(toFile(file))) {
                    exportsOf(jar).forEach(exports::putIfAbsent);
                }
            }
        }
        return exports;
    }

    private static File toFile(URL url) {
        try {
            return new File(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(url.toString(), e);
        }
    }

    /** As the value of {@code org.osgi.framework.system.packages.extra}. */
    static String systemPackagesExtra(Map<String, String> exports) {
        return exports.entrySet().stream().map(e -> e.getKey() + ";version=" + e.getValue()).collect(Collectors.joining(","));
    }

    private static Map<String, String> exportsOf(JarFile jar) throws IOException {
        Properties pom = pomProperties(jar);
        Map<String, String> exports = new TreeMap<>();
        if (pom == null || !GROUPS.contains(pom.getProperty("groupId"))) {
            return exports;
        }
        String header = jar.getManifest() == null ? null : jar.getManifest().getMainAttributes().getValue("Export-Package");
        if (header != null) {
            for (Map.Entry<String, Attrs> e : new Parameters(header).entrySet()) {
                String version = e.getValue().getVersion();
                exports.putIfAbsent(Processor.removeDuplicateMarker(e.getKey()), version == null ? "0.0.0" : version);
            }
            return exports;
        }
        String version = MavenVersion.parseMavenString(pom.getProperty("version")).getOSGiVersion().toString();
        for (JarEntry entry : Collections.list(jar.entries())) {
            String path = entry.getName();
            if (path.endsWith(".class") && !path.startsWith("META-INF/") && path.lastIndexOf('/') > 0) {
                exports.put(path.substring(0, path.lastIndexOf('/')).replace('/', '.'), version);
            }
        }
        return exports;
    }

    private static Properties pomProperties(JarFile jar) throws IOException {
        for (JarEntry entry : Collections.list(jar.entries())) {
            if (entry.getName().startsWith("META-INF/maven/") && entry.getName().endsWith("/pom.properties")) {
                Properties p = new Properties();
                try (var in = jar.getInputStream(entry)) {
                    p.load(in);
                }
                return p;
            }
        }
        return null;
    }
}
