package org.oidcstore.store.jpa.internal.boot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * When the Java SE pool turns MariaDB Connector/J's server-side prepared statements on: only for
 * a {@code jdbc:mariadb:} URL that does not name the option (what the engine then runs is pinned
 * by {@code LookupStatementsMariaDbTest}).
 */
class ServerPreparedStatementsTest {

    @Test
    void onForAMariaDbUrlThatDoesNotNameTheOption() {
        assertThat(AgroalPool.serverPreparedStatementsByDefault("jdbc:mariadb://127.0.0.1:3306/oidc")).isTrue();
        assertThat(AgroalPool.serverPreparedStatementsByDefault(
                "jdbc:mariadb://db1:3306,db2:3306/oidc?connectTimeout=2000")).isTrue();
    }

    @Test
    void aUrlThatNamesItEitherWayIsLeftAlone() {
        assertThat(AgroalPool.serverPreparedStatementsByDefault(
                "jdbc:mariadb://127.0.0.1:3306/oidc?useServerPrepStmts=false")).isFalse();
        assertThat(AgroalPool.serverPreparedStatementsByDefault(
                "jdbc:mariadb://127.0.0.1:3306/oidc?sslMode=trust&USESERVERPREPSTMTS=true")).isFalse();
    }

    @Test
    void otherDriversAreLeftAlone() {
        assertThat(AgroalPool.serverPreparedStatementsByDefault("jdbc:mysql://127.0.0.1:3306/oidc")).isFalse();
        assertThat(AgroalPool.serverPreparedStatementsByDefault("jdbc:postgresql://127.0.0.1:5432/oidc")).isFalse();
        assertThat(AgroalPool.serverPreparedStatementsByDefault("jdbc:h2:mem:oidc")).isFalse();
    }
}
