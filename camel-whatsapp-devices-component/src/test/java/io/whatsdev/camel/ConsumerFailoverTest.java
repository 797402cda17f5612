package io.whatsdev.camel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.whatsdev.camel.model.StatusChange;
import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.GatewaySimulator;
import io.whatsdev.simulator.SimDevice;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two Camel instances ("nodes") run the consumer behind Camel's {@code master:} component with the file-lock cluster
 * service and one shared file state repository: exactly one polls at a time; when the leader stops mid-stream the
 * follower takes over, and no transition is lost or repeated.
 */
class ConsumerFailoverTest {

    @TempDir
    Path shared;

    private final List<CamelContext> nodes = new ArrayList<>();
    private GatewaySimulator sim;

    @AfterEach
    void stopAll() throws Exception {
        for (CamelContext c : nodes) {
            c.stop();
        }
        if (sim != null) {
            sim.close();
        }
    }

    /** Who emitted what: "node:device:previous->current". */
    private final List<String> emitted = new CopyOnWriteArrayList<>();

    private CamelContext node(String name) throws Exception {
        CamelContext ctx = new DefaultCamelContext();
        ctx.getCamelContextExtension().setName(name);
        FileLockClusterService cluster = new FileLockClusterService();
        cluster.setId(name);
        cluster.setRoot(shared.resolve("cluster").toString());
        cluster.setAcquireLockDelay(10, TimeUnit.MILLISECONDS);
        cluster.setAcquireLockInterval(100, TimeUnit.MILLISECONDS);
        ctx.addService(cluster);
        // each node has its own repository object on the one shared file, as separate JVMs would
        ctx.getRegistry().bind("whatsdevState", FileStateRepository.fileStateRepository(shared.resolve("whatsdev.state").toFile()));
        String uri = SimulatorCamelTestSupport.uri(sim, Gateway.of("whatspie"))
                     + "&delay=50&initialDelay=0&emitInitialState=true&stateRepository=#whatsdevState";
        ctx.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("master:whatsdev-status:" + uri).routeId("watch")
                        .process(e -> {
                            StatusChange c = e.getMessage().getBody(StatusChange.class);
                            emitted.add(name + ":" + c.getDevice().getId() + ":" + c.getPrevious() + "->" + c.getCurrent());
                        });
            }
        });
        ctx.start();
        nodes.add(ctx);
        return ctx;
    }

    private void await(int n) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (emitted.size() < n && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(400); // several more polls: nothing more may come
        assertEquals(n, emitted.size(), emitted.toString());
    }

    private static String emitter(String entry) {
        return entry.substring(0, entry.indexOf(':'));
    }

    @Test
    void followerTakesOverWithoutLosingOrRepeatingATransition() throws Exception {
        sim = GatewaySimulator.start();
        SimDevice d = sim.createDevice(Gateway.of("whatspie"), "2076", "Support");
        CamelContext a = node("node-a");
        CamelContext b = node("node-b");

        await(1);
        String leader = emitter(emitted.get(0));
        d.scan();
        await(2);
        assertEquals(leader, emitter(emitted.get(1)), "only the leader polls");

        // stop the leader mid-stream; the phone is unlinked while no one is leader yet
        (leader.equals("node-a") ? a : b).stop();
        d.unlink();
        await(3);
        String follower = leader.equals("node-a") ? "node-b" : "node-a";
        assertEquals(follower, emitter(emitted.get(2)), "the follower took over");

        d.expireQr();
        await(4);
        List<String> changes = emitted.stream().map(s -> s.substring(s.indexOf(':') + 1)).toList();
        assertEquals(List.of("2076:UNKNOWN->AWAITING_SCAN", "2076:AWAITING_SCAN->CONNECTED", "2076:CONNECTED->DISCONNECTED",
                "2076:DISCONNECTED->EXPIRED"), changes);
        assertTrue(emitted.stream().skip(2).allMatch(s -> s.startsWith(follower)));
    }
}
