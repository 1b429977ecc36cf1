package org.oidcstore.store.jpa.internal.store;

import java.util.Objects;
import java.util.Optional;
import org.oidcstore.store.User;
import org.oidcstore.store.UserRegistry;
import org.oidcstore.store.jpa.internal.entity.UserEntity;
import org.oidcstore.store.jpa.internal.runtime.Json;
import org.oidcstore.store.jpa.internal.runtime.Sql;
import org.oidcstore.store.jpa.internal.runtime.StoreContext;
import org.oidcstore.store.jpa.internal.runtime.Times;
import org.oidcstore.store.jpa.internal.runtime.TxRunner;
import org.oidcstore.store.spi.Arguments;

/** End users on {@code oidc_user}; writable ({@link UserRegistry}). */
public final class JpaUserStore implements UserRegistry {
    private static final String NAME = "users";

    private final TxRunner tx;
    private final StoreContext ctx;

    public JpaUserStore(StoreParts parts) {
        this.tx = parts.tx();
        this.ctx = parts.ctx();
    }

    @Override
    public Optional<User> find(String subject) {
        Objects.requireNonNull(subject, "subject");
        if (!Arguments.isStorableId(subject)) {
            return Optional.empty(); // never stored; a column might match a look-alike
        }
        return tx.run(NAME, "find", em -> Optional.ofNullable(em.find(UserEntity.class, subject))
                .map(UserEntity::toRecord));
    }

    @Override
    public void save(User user) {
        Objects.requireNonNull(user, "user");
        String sql = Sql.upsert(ctx.dialect(), "oidc_user", "subject", "claims", "updated_at");
        tx.run(NAME, "save", em -> Sql.update(em, sql, user.subject(), Json.object(user.claims()),
                Times.db(user.updatedAt())));
    }

    @Override
    public boolean delete(String subject) {
        Objects.requireNonNull(subject, "subject");
        if (!Arguments.isStorableId(subject)) {
            return false;
        }
        return tx.run(NAME, "delete", em -> em.createQuery("DELETE FROM UserEntity u WHERE u.subject = :subject")
                .setParameter("subject", subject).executeUpdate() > 0);
    }
}
