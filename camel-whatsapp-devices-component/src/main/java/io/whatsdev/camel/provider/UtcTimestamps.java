package io.whatsdev.camel.provider;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the form of timestamp the gateways send almost always, {@code 2025-08-14T23:26:01Z} with an optional fraction of
 * a second, without java.time's formatter: a poll of thousands of devices reads two per device, and the formatter
 * allocates a parse context, a field map and a resolver for each. Any other form (an offset, a leap second, lower-case
 * letters) is left to the formatter: {@link #read} answers null for it and never guesses.
 */
final class UtcTimestamps {

    private static final int[] NANOS_PER_DIGIT = { 0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1 };

    private UtcTimestamps() {
    }

    /** The instant of {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, strictly; null for any other text. */
    static Instant read(String s) {
        int n = s.length();
        if (n < 20 || n > 30 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
            || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z' || n > 20 && (s.charAt(19) != '.' || n == 21)) {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        int fraction = n > 20 ? digits(s, 20, n - 21) : 0;
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > LocalDate.of(year, month, 1).lengthOfMonth() || hour < 0
            || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || fraction < 0) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second,
                (long) fraction * NANOS_PER_DIGIT[n > 20 ? n - 21 : 0]);
    }

    /** The number that {@code count} ASCII digits from {@code from} make; -1 where one is not a digit. */
    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
