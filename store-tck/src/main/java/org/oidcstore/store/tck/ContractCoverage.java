package org.oidcstore.store.tck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.spi.SingleWinner;

/**
 * The coverage guard: every public method of every API interface must be named by at least one
 * contract case ({@link Covers}) in a contract class declaring the interface ({@link ContractFor}),
 * and every method marked {@link SingleWinner} by at least one case that races it
 * ({@code @Covers(value = …, race = true)}). A new API method without a contract case makes
 * {@link #uncovered} non-empty, a new single-winner method without a race case {@link #unraced},
 * and the TCK's own test fails. That a case marked as a race really runs {@link Race} is checked
 * when it runs ({@link RaceCaseCheck}).
 */
public final class ContractCoverage {

    /** Every contract class of the TCK. */
    public static final List<Class<? extends StoreContract>> CONTRACTS = List.of(
            OidcStoreContract.class, ClientRegistryContract.class, StaticClientReconcilerContract.class,
            UserStoreContract.class, AuthorizationCodeStoreContract.class, RefreshTokenStoreContract.class,
            RefreshTokenRotationContract.class, RefreshRetryResponsesContract.class,
            RefreshRetryResponsesAtRestContract.class, GrantStoreContract.class, AccessTokenRegistryContract.class,
            OpaqueAccessTokenStoreContract.class, AuthorizationContextStoreContract.class,
            AuthorizationContextRaceContract.class, AuthorizationContextInTransactionContract.class,
            LookupThenRedeemContract.class, GrantRevocationStoreContract.class, SessionStoreContract.class,
            InteractionStoreContract.class, ConsumedJwtIdStoreContract.class,
            PushedAuthorizationRequestStoreContract.class, DeviceAuthorizationStoreContract.class,
            DeviceAuthorizationCodesContract.class, DeviceAuthorizationPollingContract.class,
            DeviceAuthorizationRaceContract.class,
            CibaRequestStoreContract.class, CibaRequestPollingContract.class, CibaRequestRaceContract.class,
            InitialAccessTokenStoreContract.class,
            RegistrationAccessTokenStoreContract.class, ProviderMetadataStoreContract.class, NamespaceContract.class,
            TransactionalClusterContract.class, BadIdentifierContract.class, CapsRoundTripContract.class,
            ValueSizeContract.class, PepperRotationContract.class, SessionPagingContract.class,
            SubjectSessionsContract.class,
            GrantPagingContract.class, MessageSecrecyContract.class, ClientRevocationContract.class,
            SubjectErasureContract.class, DurableErasureContract.class);

    private ContractCoverage() {
    }

    /** Every public interface of the API package {@code org.oidcstore.store}, found by scanning it. */
    public static List<Class<?>> apiInterfaces() {
        String pkg = StoreKind.class.getPackageName();
        List<Class<?>> result = new ArrayList<>();
        for (String name : classNamesIn(pkg)) {
            try {
                Class<?> c = Class.forName(name, false, StoreKind.class.getClassLoader());
                if (c.isInterface() && !c.isAnnotation() && Modifier.isPublic(c.getModifiers())) {
                    result.add(c);
                }
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        result.sort(Comparator.comparing(Class::getName));
        return result;
    }

    /** The contract cases (test methods carrying {@link Covers}) of the given contract classes. */
    public static List<Method> casesOf(Collection<? extends Class<?>> contracts) {
        List<Method> cases = new ArrayList<>();
        for (Class<?> c : contracts) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getAnnotationsByType(Covers.class).length > 0) {
                    cases.add(m);
                }
            }
        }
        return cases;
    }

    /** {@link #uncovered(Collection, Collection)} for the TCK's own contracts. */
    public static List<String> uncovered(Collection<Class<?>> interfaces) {
        return uncovered(interfaces, casesOf(CONTRACTS));
    }

    /**
     * The methods of {@code interfaces} (as {@code Type.method}) that no case covers, sorted. A case
     * covers {@code T.m} when it carries {@code @Covers("m")} and either names {@code type = T} or
     * sits in a class whose {@link ContractFor} lists {@code T}.
     */
    public static List<String> uncovered(Collection<Class<?>> interfaces, Collection<Method> cases) {
        return missing(publicMethods(interfaces), covered(cases, false));
    }

    /** The methods of {@code interfaces} marked {@link SingleWinner}, as {@code Type.method}, sorted. */
    public static List<String> singleWinners(Collection<Class<?>> interfaces) {
        return publicMethods(interfaces).stream().filter(m -> m.isAnnotationPresent(SingleWinner.class))
                .map(m -> m.getDeclaringClass().getSimpleName() + "." + m.getName()).sorted().distinct().toList();
    }

    /** {@link #unraced(Collection, Collection)} for the TCK's own contracts. */
    public static List<String> unraced(Collection<Class<?>> interfaces) {
        return unraced(interfaces, casesOf(CONTRACTS));
    }

    /**
     * The {@link SingleWinner} methods of {@code interfaces} (as {@code Type.method}) that no case
     * races, sorted: a case races {@code T.m} when it covers it (as for {@link #uncovered}) with
     * {@code race = true}.
     */
    public static List<String> unraced(Collection<Class<?>> interfaces, Collection<Method> cases) {
        List<Method> contested = publicMethods(interfaces).stream()
                .filter(m -> m.isAnnotationPresent(SingleWinner.class)).toList();
        return missing(contested, covered(cases, true));
    }

    /** {@code Type.method} (full type name) of what {@code cases} cover; only their races when {@code races}. */
    private static Set<String> covered(Collection<Method> cases, boolean races) {
        Set<String> covered = new TreeSet<>();
        for (Method m : cases) {
            ContractFor owner = m.getDeclaringClass().getAnnotation(ContractFor.class);
            List<Class<?>> defaults = owner == null ? List.of() : Arrays.asList(owner.value());
            for (Covers c : m.getAnnotationsByType(Covers.class)) {
                if (races && !c.race()) {
                    continue;
                }
                List<Class<?>> types = c.type() == Void.class ? defaults : List.of(c.type());
                for (Class<?> t : types) {
                    covered.add(t.getName() + "." + c.value());
                }
            }
        }
        return covered;
    }

    /** The public instance methods each interface declares. */
    private static List<Method> publicMethods(Collection<Class<?>> interfaces) {
        List<Method> out = new ArrayList<>();
        for (Class<?> type : interfaces) {
            for (Method m : type.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()) && !m.isSynthetic()) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    /** {@code Type.method} (simple type name) of each of {@code methods} not in {@code covered}, sorted. */
    private static List<String> missing(List<Method> methods, Set<String> covered) {
        List<String> missing = new ArrayList<>();
        for (Method m : methods) {
            Class<?> type = m.getDeclaringClass();
            if (!covered.contains(type.getName() + "." + m.getName())) {
                missing.add(type.getSimpleName() + "." + m.getName());
            }
        }
        missing.sort(null);
        return missing.stream().distinct().toList();
    }

    private static List<String> classNamesIn(String pkg) {
        String dir = pkg.replace('.', '/');
        try {
            Path location = Path.of(StoreKind.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(location)) {
                try (Stream<Path> files = Files.list(location.resolve(dir))) {
                    return files.map(p -> p.getFileName().toString())
                            .filter(n -> n.endsWith(".class") && !n.contains("$"))
                            .map(n -> pkg + "." + n.substring(0, n.length() - 6)).toList();
                }
            }
            try (JarFile jar = new JarFile(location.toFile())) {
                return jar.stream().map(e -> e.getName())
                        .filter(n -> n.startsWith(dir + "/") && n.endsWith(".class") && !n.contains("$")
                                && n.indexOf('/', dir.length() + 1) < 0)
                        .map(n -> n.substring(0, n.length() - 6).replace('/', '.')).toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
