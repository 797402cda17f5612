package io.whatsdev.karaf;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import aQute.bnd.osgi.Jar;

/**
 * The component's bundle as this build made it: the jar Maven resolved for {@code io.whatsdev:camel-whatsapp-devices}
 * (system property {@code whatsdev.bundle}). In a reactor run that stops before {@code package} Maven hands over the
 * module's {@code target/classes} instead; its bnd-made manifest is there too, and it is packed into a jar here.
 */
final class ComponentBundle {

    private static Path jar;

    private ComponentBundle() {
    }

    static synchronized Path jar() throws Exception {
        if (jar == null) {
            Path resolved = Path.of(System.getProperty("whatsdev.bundle", "(system property whatsdev.bundle not set)"));
            if (Files.isDirectory(resolved)) {
                Path packed = Path.of("target", "camel-whatsapp-devices-from-classes.jar").toAbsolutePath();
                try (Jar classes = new Jar(resolved.toFile())) {
                    classes.write(packed.toFile());
                }
                resolved = packed;
            }
            if (!Files.isRegularFile(resolved)) {
                throw new IllegalStateException("No component jar at " + resolved);
            }
            jar = resolved;
        }
        return jar;
    }

    static Manifest manifest() throws Exception {
        try (JarFile file = new JarFile(jar().toFile())) {
            Manifest manifest = file.getManifest();
            if (manifest == null || manifest.getMainAttributes().getValue("Bundle-SymbolicName") == null) {
                throw new IllegalStateException(jar() + " has no OSGi manifest: was bnd-maven-plugin skipped?");
            }
            return manifest;
        }
    }

    static String header(String name) throws Exception {
        return manifest().getMainAttributes().getValue(name);
    }

    static boolean has(String entry) throws Exception {
        try (JarFile file = new JarFile(jar().toFile())) {
            return file.getEntry(entry) != null;
        }
    }

    static InputStream open() throws Exception {
        return Files.newInputStream(jar());
    }
}
