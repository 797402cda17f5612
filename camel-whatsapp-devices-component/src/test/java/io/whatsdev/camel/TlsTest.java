package io.whatsdev.camel;

import java.io.FileInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.whatsdev.camel.exception.GatewayUnavailableException;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@code sslContextParameters} is used for the gateway connection: a gateway with a certificate from a private CA is
 * reachable with a trust store naming it, and refused without.
 */
class TlsTest extends CamelTestSupport {

    @TempDir
    static Path dir;

    private HttpsServer server;
    private Path keystore;

    @BeforeEach
    void startHttpsServer() throws Exception {
        keystore = dir.resolve("gateway.p12");
        if (!keystore.toFile().exists()) {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                    "-alias", "gateway", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=127.0.0.1",
                    "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "changeit",
                    "-keypass", "changeit").redirectErrorStream(true).start();
            assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes()));
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(keystore.toFile())) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        server.createContext("/devices", ex -> {
            byte[] body = "{\"status\":200,\"message\":\"OK\",\"data\":[]}".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stopHttpsServer() {
        server.stop(0);
    }

    private String uri() {
        return "whatsdev:whatspie/devices?operation=list&token=t&baseUrl=https://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void trustedWithTheConfiguredTrustStore() throws Exception {
        KeyStoreParameters trust = new KeyStoreParameters();
        trust.setResource("file:" + keystore);
        trust.setPassword("changeit");
        trust.setType("PKCS12");
        TrustManagersParameters tmp = new TrustManagersParameters();
        tmp.setKeyStore(trust);
        SSLContextParameters params = new SSLContextParameters();
        params.setTrustManagers(tmp);
        context.getRegistry().bind("gatewayTls", params);

        List<?> devices = template.requestBody(uri() + "&sslContextParameters=#gatewayTls", null, List.class);
        assertEquals(0, devices.size());
    }

    @Test
    void refusedWithoutIt() {
        CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> template.requestBody(uri(), (Object) null));
        assertInstanceOf(GatewayUnavailableException.class, e.getCause());
    }
}
