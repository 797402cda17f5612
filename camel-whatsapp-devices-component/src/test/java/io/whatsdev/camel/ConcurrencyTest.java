package io.whatsdev.camel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.whatsdev.camel.model.Device;
import io.whatsdev.camel.model.DeviceStatus;
import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.SimulatorCredentials;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One endpoint used from many threads at once gives every caller its own correct answer, over one shared connection
 * pool.
 */
class ConcurrencyTest extends SimulatorCamelTestSupport {

    @BeforeEach
    void createDevices() {
        for (int i = 1; i <= 8; i++) {
            var d = sim.createDevice(Gateway.of("whatspie"), String.valueOf(i), "d" + i).phone("62811100000" + i);
            if (i % 2 == 0) {
                d.scan();
            }
        }
    }

    @Test
    void concurrentCallsThroughOneEndpoint() throws Exception {
        String uri = "whatsdev:whatspie/devices?operation=get&token=" + SimulatorCredentials.TOKEN + "&baseUrl="
                     + sim.baseUrl(Gateway.of("whatspie"));
        String other = uri.replace("operation=get", "operation=status");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    for (int n = 0; n < 40; n++) {
                        int id = 1 + (n % 8);
                        Device d = template.requestBodyAndHeader(n % 2 == 0 ? uri : other, null, WhatsDevConstants.DEVICE_ID,
                                String.valueOf(id), Device.class);
                        assertEquals(String.valueOf(id), d.getId());
                        assertEquals(id % 2 == 0 ? DeviceStatus.CONNECTED : DeviceStatus.DISCONNECTED, d.getStatus());
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, context.getComponent("whatsdev", WhatsDevComponent.class).transportCount(),
                "endpoints with the same transport settings share one pool");
    }
}
