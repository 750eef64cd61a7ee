// fake-braze from Java tests with Testcontainers (UNTRIED: Maven Central cannot be reached where
// fake-braze is developed; the steps are those of examples/testcontainers-node/fake-braze.test.mjs,
// which the test suite runs against the image).
//   FAKE_BRAZE_IMAGE=fake-braze:latest mvn test
// Starts the image, waits on its /health route, provisions a workspace through the control plane
// and checks what a Hightouch-style cohort sync left there.
package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

@Testcontainers
class FakeBrazeTest {
  private static final String IMAGE = System.getenv().getOrDefault("FAKE_BRAZE_IMAGE", "fake-braze:latest");
  // The image listens beyond loopback, so it wants a control token (or FAKE_BRAZE_INSECURE_CONTROL_PLANE=true).
  private static final String TOKEN = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Container
  private static final GenericContainer<?> FAKE_BRAZE = new GenericContainer<>(DockerImageName.parse(IMAGE))
      .withEnv("FAKE_BRAZE_CONTROL_TOKEN", TOKEN)
      .withEnv("FAKE_BRAZE_DB", ":memory:")
      .withExposedPorts(4000)
      .waitingFor(Wait.forHttp("/health").forPort(4000).forStatusCode(200));

  private static String base() {
    return "http://" + FAKE_BRAZE.getHost() + ":" + FAKE_BRAZE.getMappedPort(4000);
  }

  private static HttpResponse<String> call(String method, String path, String json, boolean control) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) request.header("content-type", "application/json");
    if (control) request.header("authorization", "Bearer " + TOKEN);
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aProvisionedWorkspaceTakesAHightouchCohortSync() throws Exception {
    assertEquals(201, call("POST", "/_fake/workspaces", "{\"id\":\"tc\",\"cluster\":\"iad-01\"}", true).statusCode());
    assertEquals(201, call("POST", "/_fake/workspaces/tc/partners/hightouch/data-import-keys", "{\"key\":\"tc-hightouch-key\"}", true).statusCode());
    assertEquals(201, call("POST", "/_fake/workspaces/tc/users", "{\"users\":[{\"external_id\":\"user-1\"},{\"external_id\":\"user-2\"}]}", true).statusCode());

    // what the code under test would send to Braze's partner endpoint
    HttpResponse<String> sync = call("POST", "/partners/hightouch/cohorts/users",
        "{\"partner_api_key\":\"fake-hightouch-us-partner-api-key\",\"client_secret\":\"tc-hightouch-key\","
            + "\"cohort_id\":\"vip-buyers\",\"cohort_changes\":[{\"user_ids\":[\"user-1\",\"ghost\"]}]}", false);
    assertEquals(201, sync.statusCode());
    assertEquals("{\"message\":\"success\"}", sync.body());

    String members = call("GET", "/_fake/workspaces/tc/partners/hightouch/cohorts/vip-buyers/members", null, true).body();
    assertTrue(members.contains("\"external_id\":\"user-1\""), members);
    assertTrue(!members.contains("user-2"), members);
  }

  @Test
  void theControlPlaneRefusesACallerWithoutTheToken() throws Exception {
    assertEquals(401, call("GET", "/_fake/workspaces", null, false).statusCode());
  }
}
