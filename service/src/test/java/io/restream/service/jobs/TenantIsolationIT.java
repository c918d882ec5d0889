package io.restream.service.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restream.service.TestApi;
import io.restream.service.TestApi.Tenant;
import io.restream.testkit.Fixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A user of one client never sees another client's connections or jobs, same userId or not. */
class TenantIsolationIT {
    @RegisterExtension
    static final Fixture<TestApi> api = Fixture.perClass(TestApi::new);

    @Test
    void sameUserIdInTwoClientsSharesNothing() {
        Tenant a = api.get().newTenant();
        Tenant b = api.get().newTenant();
        Map<String, String> aliceA = a.as("alice");
        Map<String, String> aliceB = b.as("alice");
        Map<String, String> bobA = a.as("bob");
        assertEquals(201, api.get().connectCustom(aliceA, "mine", "rtmp://127.0.0.1:1935/live").status());
        String job = api.get().goLive(aliceA, List.of("custom:mine")).json().get("id").asText();

        assertEquals("[]", api.get().call("GET", "/api/v1/connections", aliceB, null).json().toString());
        assertEquals("[]", api.get().call("GET", "/api/v1/connections", bobA, null).json().toString());
        assertEquals(1, api.get().call("GET", "/api/v1/connections", aliceA, null).json().size());

        for (Map<String, String> other : List.of(aliceB, bobA)) {
            assertEquals("no_job", api.get().call("GET", "/api/v1/jobs/current", other, null).errorCode());
            assertEquals("not_found", api.get().call("GET", "/api/v1/jobs/" + job, other, null).errorCode());
            assertEquals("not_found", api.get().call("POST", "/api/v1/jobs/" + job + "/stop", other, null).errorCode());
            assertEquals("not_connected", api.get().call("DELETE", "/api/v1/connections/custom:mine", other, null).errorCode());
            assertEquals("not_connected", api.get().goLive(other, List.of("custom:mine")).errorCode());
        }
        assertEquals("queued", api.get().call("GET", "/api/v1/jobs/" + job, aliceA, null).json().get("status").asText(),
                "nothing the others did touched alice's job");
    }
}
