package io.whatsdev.benchmarks;

import java.nio.charset.StandardCharsets;

/**
 * whatspie's answers, rendered once as bytes: a device as its documentation's example shows it (the simulator's
 * {@code WhatspieApi} serves the same fields), about 390 bytes, in the {@code {"status":200,"message":"OK","data":...}}
 * envelope: {@code GET /devices} (the list) and {@code GET /devices/{id}} (get and status). Device ids are numeric,
 * {@link #FIRST_ID} and up.
 */
public final class WhatspieBodies {

    /** The Bearer token the loopback gateway requires and the endpoints send. */
    public static final String TOKEN = "bench-whatspie-token";
    /** The {@code Authorization} header of every whatspie request. */
    public static final String AUTHORIZATION = "Bearer " + TOKEN;
    /** The first device's id. */
    public static final long FIRST_ID = 100_000;

    private WhatspieBodies() {
    }

    /** {@code GET /devices}: {@code devices} devices, all {@code PAIRED} (CONNECTED) or all {@code UNPAIRED} (DISCONNECTED). */
    public static byte[] list(int devices, boolean paired) {
        StringBuilder sb = new StringBuilder(devices * 400 + 64).append("{\"status\":200,\"message\":\"OK\",\"data\":[");
        for (int i = 0; i < devices; i++) {
            if (i > 0) {
                sb.append(',');
            }
            device(sb, FIRST_ID + i, paired);
        }
        return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code GET /devices/{id}}: one device. */
    public static byte[] one(long id, boolean paired) {
        StringBuilder sb = new StringBuilder(512).append("{\"status\":200,\"message\":\"OK\",\"data\":");
        device(sb, id, paired);
        return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void device(StringBuilder sb, long id, boolean paired) {
        // a phone on every device: an UNPAIRED one was paired before, so it reads DISCONNECTED, not AWAITING_SCAN
        sb.append("{\"id\":").append(id)
                .append(",\"phone\":\"628").append(String.format("%010d", id)).append('"')
                .append(",\"webhook_url\":null,\"status\":\"ACTIVE\",\"version\":\"multidevice\"")
                .append(",\"paired_status\":\"").append(paired ? "PAIRED" : "UNPAIRED").append('"')
                .append(",\"created_at\":\"2026-01-05T08:30:00Z\",\"updated_at\":\"2026-03-01T10:15:00Z\"")
                .append(",\"server\":{\"name\":\"ASIA (IDN1)\",\"status\":\"ACTIVE\"}")
                .append(",\"package\":{\"code\":\"STARTUP240K\",\"name\":\"Startup\"}")
                .append(",\"subscription\":{\"quote_available\":\"-1\",\"quote_used\":\"0\"}}");
    }
}
