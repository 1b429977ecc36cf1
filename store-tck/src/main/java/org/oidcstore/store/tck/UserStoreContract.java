package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.User;
import org.oidcstore.store.UserRegistry;
import org.oidcstore.store.UserStore;

/** Contract of {@link UserStore} (seeded through the fixture) and of {@link UserRegistry} when offered. */
@ContractFor({UserStore.class, UserRegistry.class})
public abstract class UserStoreContract extends StoreContract {

    @Test
    @Covers(value = "find", type = UserStore.class)
    void aSeededUserReadsBackWithEveryClaim() {
        User u = samples.user(Samples.id("sub"));
        fixture.seedUser(u);
        assertThat(store.users().find(u.subject())).contains(u);
        assertThat(store.users().find("nobody")).isEmpty();
    }

    private UserRegistry registry() {
        return store.userRegistry().orElseThrow(() -> new AssertionError("userRegistry() is empty"));
    }

    @Test
    @Covers("save")
    void saveInsertsThenReplaces() {
        User u = samples.user(Samples.id("sub"));
        registry().save(u);
        clock.advance(Duration.ofMinutes(1));
        User changed = new User(u.subject(), Map.of("email", "\"new@example.com\""), clock.now());
        registry().save(changed);
        assertThat(registry().find(u.subject())).contains(changed);
    }

    @Test
    @Covers("delete")
    void deleteIsIdempotent() {
        User u = samples.user(Samples.id("sub"));
        registry().save(u);
        assertThat(registry().delete(u.subject())).isTrue();
        assertThat(registry().delete(u.subject())).isFalse();
        assertThat(registry().find(u.subject())).isEmpty();
    }
}
