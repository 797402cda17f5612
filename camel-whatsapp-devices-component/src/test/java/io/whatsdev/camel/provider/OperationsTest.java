package io.whatsdev.camel.provider;

import java.util.Map;

import io.whatsdev.camel.WhatsDevOperation;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A gateway's operation table: support levels read from the handlers given, each operation once. */
class OperationsTest {

    @Test
    void supportIsWhatTheHandlersSay() {
        Operations<GatewayClient> table = Operations.of(GatewayClient.class)
                .nativeCall(WhatsDevOperation.list, "`GET /devices`", (c, r) -> null)
                .composed(WhatsDevOperation.status, "from the list", (c, r) -> null)
                .build();
        assertEquals(Map.of(WhatsDevOperation.list, Support.NATIVE, WhatsDevOperation.status, Support.COMPOSED), table.support());
        assertEquals(Map.of(WhatsDevOperation.list, "`GET /devices`", WhatsDevOperation.status, "from the list"), table.wire());
    }

    @Test
    void anOperationWithoutItsWireCallIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Operations.of(GatewayClient.class).nativeCall(WhatsDevOperation.list, " ", (c, r) -> null));
        assertTrue(e.getMessage().contains("say the wire call behind it"), e.getMessage());
    }

    @Test
    void anOperationGivenTwiceIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Operations.of(GatewayClient.class)
                .nativeCall(WhatsDevOperation.list, "`GET /devices`", (c, r) -> null)
                .composed(WhatsDevOperation.list, "from the list", (c, r) -> null));
        assertTrue(e.getMessage().contains("operation list is given twice"), e.getMessage());
    }

    @Test
    void everyBuiltInGatewaySaysItsOperationsOnce() {
        for (GatewayProvider p : java.util.ServiceLoader.load(GatewayProvider.class)) {
            assertTrue(p instanceof AbstractGatewayProvider, p.name() + " dispatches through an operation table");
            assertTrue(p.operations().containsKey(WhatsDevOperation.list), p.name() + " can list (the consumer needs it)");
        }
    }
}
