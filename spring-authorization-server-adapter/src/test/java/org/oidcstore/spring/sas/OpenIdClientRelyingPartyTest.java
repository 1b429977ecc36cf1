package org.oidcstore.spring.sas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.OidcStore;

/**
 * A real relying party: the npm package {@code openid-client} (v6, OpenID certified) in
 * {@code src/test/node/rp.mjs} drives SAS on the adapter over HTTP on 127.0.0.1: discovery, PAR +
 * code + PKCE with the user signing in through the login form, ID token (nonce, audience, signature
 * checked by the library), userinfo, introspection, refresh rotation, revocation, a refresh replay,
 * client credentials. Needs {@code node} and {@code npm ci} in {@code src/test/node}: {@code bash .ci/run}
 * installs both.
 */
class OpenIdClientRelyingPartyTest {
    private static final File NODE_DIR = new File("src/test/node");

    @Test
    void openidClientRunsTheWholeCodeFlowAgainstSasOnOidcStore() throws Exception {
        if (!new File(NODE_DIR, "node_modules/openid-client").isDirectory()) {
            fail("openid-client is not installed: run `npm ci` in " + NODE_DIR.getAbsolutePath()
                    + " (bash .ci/run does it)");
        }
        OidcStore store = Stores.composite();
        String client = "node-rp-" + UUID.randomUUID();
        new OidcStoreRegisteredClientRepository(store).save(Flows.client(client, false));
        try (EmbeddedServlet sas = HttpSas.start(store)) {
            String out = runNode(List.of(sas.baseUrl(), client, Flows.SECRET, Flows.REDIRECT, HttpSas.USER,
                    HttpSas.PASSWORD));
            System.out.println("[openid-client] " + out);

            assertThat(value(out, "issuer")).isEqualTo(sas.baseUrl());
            assertThat(value(out, "parEndpoint")).isEqualTo(sas.baseUrl() + "/oauth2/par");
            assertThat(value(out, "authorizeHasRequestUri")).isEqualTo("true");
            assertThat(value(out, "loginRedirect")).isEqualTo("true");
            assertThat(value(out, "callbackReached")).isEqualTo("true");
            assertThat(value(out, "idTokenSub")).isEqualTo(HttpSas.USER);
            assertThat(value(out, "idTokenAud")).isEqualTo(client);
            assertThat(value(out, "hasRefreshToken")).isEqualTo("true");
            assertThat(value(out, "userinfoSub")).isEqualTo(HttpSas.USER);
            assertThat(value(out, "accessActive")).isEqualTo("true");
            assertThat(value(out, "requestUriReuseStatus")).isEqualTo("400");
            assertThat(value(out, "refreshRotated")).isEqualTo("true");
            assertThat(value(out, "refreshedIdTokenSub")).isEqualTo(HttpSas.USER);
            assertThat(value(out, "refreshedAccessActive")).isEqualTo("true");
            assertThat(value(out, "revokedAccessActive")).isEqualTo("false");
            assertThat(value(out, "refreshReplayError")).isEqualTo("invalid_grant");
            assertThat(value(out, "successorActiveAfterReplay")).isEqualTo("false");
            assertThat(value(out, "clientCredentialsActive")).isEqualTo("true");
        }
    }

    private static String runNode(List<String> args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("node", "rp.mjs"));
        command.addAll(args);
        Process p;
        try {
            p = new ProcessBuilder(command).directory(NODE_DIR).redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
        } catch (IOException e) {
            throw new AssertionError("node is not installed (" + e.getMessage()
                    + "): bash .ci/run installs it (apt-get install -y nodejs npm) and runs npm ci", e);
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("rp.mjs did not finish in 60 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.exitValue()).as("rp.mjs exit code; stdout: " + out).isZero();
        return out;
    }

    /** A member of the flat JSON object rp.mjs prints (string, boolean or number), as text. */
    private static String value(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":(\"([^\"]*)\"|true|false|null|\\d+|\\[\"([^\"]*)\"\\])")
                .matcher(json);
        if (!m.find()) {
            throw new AssertionError("no " + name + " in " + json);
        }
        return m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(1);
    }
}
