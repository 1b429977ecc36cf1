package org.oidcstore.store.jpa.internal.row;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import org.oidcstore.store.Approval;
import org.oidcstore.store.ApprovalState;
import org.oidcstore.store.jpa.internal.runtime.Json;
import org.oidcstore.store.jpa.internal.runtime.Sql;

/**
 * The columns both polled-request tables ({@code oidc_device_authorization},
 * {@code oidc_ciba_request}) share for where a request stands: {@code state} (the
 * {@link ApprovalState} name) and the approval in four columns, all {@code NULL} before one.
 */
public final class ApprovalColumns {
    /** The approval's columns, in the order {@link #bind} binds them. */
    public static final String COLUMNS = "approval_subject, approval_acr, approval_amr, approval_auth_time";
    /** {@code SET} of an approval, with {@link #bind}'s four markers. */
    public static final String SET = "approval_subject = ?, approval_acr = ?, approval_amr = ?, approval_auth_time = ?";

    private ApprovalColumns() {
    }

    /** Binds {@code approval} (or four {@code NULL}s) from parameter {@code from}; returns the next index. */
    public static int bind(PreparedStatement ps, int from, Approval approval) throws SQLException {
        Sql.setString(ps, from, approval == null ? null : approval.subject());
        Sql.setString(ps, from + 1, approval == null ? null : approval.acr());
        Sql.setString(ps, from + 2, approval == null ? null : Json.array(approval.amr()));
        Sql.setInstant(ps, from + 3, approval == null ? null : approval.authTime());
        return from + 4;
    }

    /** The approval of a row, {@code null} when the row has none; throws on damaged values (decode only). */
    static Approval approval(String subject, String acr, String amr, Instant authTime) {
        if (subject == null) {
            return null;
        }
        return new Approval(subject, acr, Json.list(amr), authTime);
    }

    /**
     * The state column's value; throws on an unknown name without quoting it (the JDK's
     * {@code valueOf} would quote it, and a damaged value is never put in a message).
     */
    public static ApprovalState state(String name) {
        return constant(ApprovalState.class, name, "unknown approval state");
    }

    /** The CIBA delivery mode column's value; throws on an unknown name without quoting it. */
    static org.oidcstore.store.CibaMode mode(String name) {
        return constant(org.oidcstore.store.CibaMode.class, name, "unknown delivery mode");
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String name, String unknown) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        throw new IllegalStateException(unknown);
    }
}
