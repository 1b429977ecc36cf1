package org.oidcstore.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * A user's approval of a device authorization or a backchannel authentication request: who
 * approved, and how they authenticated.
 *
 * @param subject the end user who approved
 * @param acr the authentication context class reached, or {@code null}
 * @param amr the authentication methods used
 * @param authTime when the user authenticated
 */
public record Approval(String subject, String acr, List<String> amr, Instant authTime) {

    public Approval {
        Checks.id(subject, "subject");
        Checks.text(acr, "acr");
        amr = Checks.list(amr, "amr");
        authTime = Checks.requiredInstant(authTime, "authTime");
    }

    /** An approval by {@code subject} with no ACR and no AMR. */
    public static Approval of(String subject, Instant authTime) {
        return new Approval(subject, null, List.of(), authTime);
    }

    /** This approval with the given authentication methods. */
    public Approval withAmr(Collection<String> methods) {
        return new Approval(subject, acr, methods == null ? List.of() : List.copyOf(methods), authTime);
    }
}
