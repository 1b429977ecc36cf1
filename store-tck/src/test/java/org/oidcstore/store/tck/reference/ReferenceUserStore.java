package org.oidcstore.store.tck.reference;

import java.util.Objects;
import java.util.Optional;
import org.oidcstore.store.User;
import org.oidcstore.store.UserRegistry;
import org.oidcstore.store.tck.reference.ReferenceData.Table;

/** Users by subject, writable ({@link UserRegistry}). */
final class ReferenceUserStore implements UserRegistry, ReferenceSubstore {
    private static final Table<User> USERS = new Table<>("users");

    private final ReferenceData data;

    ReferenceUserStore(ReferenceParts parts) {
        this.data = parts.data();
    }

    @Override
    public Optional<User> find(String subject) {
        Objects.requireNonNull(subject, "subject");
        return data.call(() -> Optional.ofNullable(data.rows(USERS).get(subject)));
    }

    @Override
    public void save(User user) {
        Objects.requireNonNull(user, "user");
        data.run(() -> data.rows(USERS).put(user.subject(), user));
    }

    @Override
    public boolean delete(String subject) {
        Objects.requireNonNull(subject, "subject");
        return data.call(() -> data.rows(USERS).remove(subject) != null);
    }

    @Override
    public long held() {
        return data.call(() -> (long) data.rows(USERS).size());
    }
}
