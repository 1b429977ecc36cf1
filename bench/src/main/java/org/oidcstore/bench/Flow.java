package org.oidcstore.bench;

import java.util.List;
import java.util.Set;

/**
 * One contender of the durable-flow case. A flow is the three transactions of a provider's code
 * and refresh path, each timed as a step: <b>issue</b> (grant + code saved in one transaction),
 * <b>redeem</b> (code consumed + refresh token saved), <b>rotate</b> (refresh token consumed +
 * successor saved under the parent's row lock).
 */
interface Flow extends AutoCloseable {
    String CLIENT = "bench-client";
    String REDIRECT = "https://rp.example.com/callback";
    Set<String> SCOPES = Set.of("openid", "profile", "email", "offline_access");
    List<String> AMR = List.of("pwd", "otp");
    String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    String NONCE = "n-0S6_WzA2Mj";
    String ACR = "urn:mace:incommon:iap:silver";

    String name();

    void run(Load.Ctx c) throws Exception;

    @Override
    default void close() {
    }
}
