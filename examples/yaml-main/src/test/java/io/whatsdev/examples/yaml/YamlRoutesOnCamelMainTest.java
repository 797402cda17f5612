package io.whatsdev.examples.yaml;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.GatewaySimulator;
import org.apache.camel.Exchange;
import org.apache.camel.main.Main;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The example's YAML routes, run by Camel Main with the example's own properties, against the simulator. */
class YamlRoutesOnCamelMainTest {

    @Test
    void listsDevicesAndReadsEachStatus() throws Exception {
        try (GatewaySimulator sim = GatewaySimulator.start()) {
            sim.createDevice(Gateway.of("whatspie"), "2076", "Support").awaitScan();
            sim.createDevice(Gateway.of("whatspie"), "5", "Sales").scan();

            List<String> statuses = new CopyOnWriteArrayList<>();
            Main main = new Main();
            main.addOverrideProperty("camel.component.whatsdev.base-url", sim.baseUrl(Gateway.of("whatspie")));
            main.addOverrideProperty("camel.main.duration-max-idle-seconds", "0");
            main.bind("statusCollector", new EventNotifierSupport() {
                @Override
                public void notify(CamelEvent event) {
                    if (event instanceof CamelEvent.ExchangeSentEvent sent && sent.getEndpoint().getEndpointUri().contains("operation=status")) {
                        Exchange e = sent.getExchange();
                        statuses.add(e.getMessage().getHeader("CamelWhatsDevDeviceId") + "=" + e.getMessage().getHeader("CamelWhatsDevStatus"));
                    }
                }
            });
            main.start();
            try {
                long deadline = System.currentTimeMillis() + 20_000;
                while (statuses.size() < 2 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(50);
                }
                assertEquals(List.of("2076=AWAITING_SCAN", "5=CONNECTED"), statuses.stream().sorted().toList());
            } finally {
                main.stop();
            }
        }
    }
}
