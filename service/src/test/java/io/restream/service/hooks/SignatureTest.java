package io.restream.service.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SignatureTest {
    @Test
    void matchesAnIndependentHmacAndVerifies() {
        // echo -n '1700000000.{"id":"evt_1"}' | openssl dgst -sha256 -hmac whsec_test
        String header = Signature.header("whsec_test", 1_700_000_000L, "{\"id\":\"evt_1\"}");
        assertEquals("t=1700000000,v1=c89214b5b5da833daed6f0b8c5bb6bd58cea9022bd80ccc78230f3942d632925", header);
        assertTrue(header.matches("t=1700000000,v1=[0-9a-f]{64}"));
        assertTrue(Signature.verify("whsec_test", header, "{\"id\":\"evt_1\"}"));
        assertFalse(Signature.verify("whsec_other", header, "{\"id\":\"evt_1\"}"));
        assertFalse(Signature.verify("whsec_test", header, "{\"id\":\"evt_2\"}"));
        assertFalse(Signature.verify("whsec_test", header.replace("t=1700000000", "t=1700000001"), "{\"id\":\"evt_1\"}"));
        assertFalse(Signature.verify("whsec_test", null, "{}"));
    }

    @Test
    void retriesComeSoonThenSpreadOutForADay() {
        long first = 1_000_000;
        assertTrue(RetrySchedule.next(1, first, first) - first <= 10_000, "2nd attempt within 10 s");
        long second = RetrySchedule.next(1, first, first);
        assertTrue(RetrySchedule.next(2, first, second) - first <= 60_000, "3rd attempt within 60 s");
        assertTrue(RetrySchedule.next(6, first, first + 3_600_000) > first + 3_600_000);
        assertEquals(-1, RetrySchedule.next(40, first, first + 24 * 3_600_000L - 1000), "nothing after 24 h");
    }
}
