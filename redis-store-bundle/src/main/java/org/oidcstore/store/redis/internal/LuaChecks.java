package org.oidcstore.store.redis.internal;

/**
 * The Lua functions that let a script check the records it reads before it changes anything: a
 * damaged record raises the error reply {@code OIDCSCORRUPT} (an error code of our own, translated
 * by code into {@code OIDCS-1454}), so the call fails and the record stays as it was. They check
 * what the store classes' decoders ({@link RecordCodec}) and {@link Micros#parse} check in Java: times are an optional minus and
 * 1 to 18 digits; a body is format 1 followed exactly by its fields (strings with a varint length
 * plus one, 0 for null; counted lists; varint instants); required ids are neither null nor empty.
 * Values the record types refuse for other reasons (a blank id, an expiry before creation) are
 * left to the Java decoder.
 *
 * <p>Every script of the tier lives with its kind's store class (the session ones in
 * {@link SessionScripts}) and is listed by {@link RedisKinds#SCRIPTS}. Each runs atomically on the
 * node owning its keys; all keys of one script share a hash slot. Time is never read inside a
 * script: the caller's clock instant ({@code now}, epoch microseconds) is an argument, so expiry is
 * judged by the store's injected clock. Scripts run with the caller's ACL: the store's Redis user
 * needs every command they name.
 *
 * <p>Layouts: {@code S} required string, {@code s} optional string, {@code l} list of strings,
 * {@code i} instant, {@code m} map of string to list of strings. Each script includes only the
 * functions it calls: a script defines them again at every call, so what it does not need would
 * only cost time.
 */
final class LuaChecks {
    static final String DAMAGED = "OIDCSCORRUPT";

    private LuaChecks() {
    }

    /** Every script that reads a stored value: {@code damaged()} and {@code num(v)}. */
    static final String CORE = """
            local function damaged() error({err = '%s a stored record of the Redis tier is damaged'}) end
            local function num(v)
              local digits = type(v) == 'string' and string.match(v, '^%%-?(%%d+)$')
              if not digits or #digits > 18 then damaged() end
              return tonumber(v)
            end
            local function vint(b, p)
              local c = string.byte(b, p)
              if c and c < 128 then return c, p + 1 end
              local v, m = 0, 1
              for _ = 1, 10 do
                if p > #b then damaged() end
                local c = string.byte(b, p)
                p = p + 1
                if c < 128 then return v + c * m, p end
                v, m = v + (c - 128) * m, m * 128
              end
              damaged()
            end
            """.formatted(DAMAGED);

    /** {@code body(b, layout)}: a whole body of the given layout, nothing after it. */
    static final String BODY = """
            local function vstr(b, p, required)
              local n
              n, p = vint(b, p)
              if required and n < 2 then damaged() end
              if n > 0 then p = p + n - 1 end
              if p > #b + 1 then damaged() end
              return p
            end
            local function vstrs(b, p)
              local n
              n, p = vint(b, p)
              if n > #b then damaged() end
              for _ = 1, n do p = vstr(b, p, false) end
              return p
            end
            local function body(b, layout)
              if type(b) ~= 'string' or string.byte(b, 1) ~= 1 then damaged() end
              local p, _ = 2
              for k = 1, #layout do
                local t = string.byte(layout, k) -- S 83, s 115, l 108, i 105, m 109
                if t == 105 then _, p = vint(b, p)
                elseif t == 83 or t == 115 then p = vstr(b, p, t == 83)
                elseif t == 108 then p = vstrs(b, p)
                else
                  local n
                  n, p = vint(b, p)
                  if n > #b then damaged() end
                  for _ = 1, n do p = vstrs(b, vstr(b, p, false)) end
                end
              end
              if p ~= #b + 1 then damaged() end
            end
            """;

    /** A script that reads stored values: the checks it needs ({@link #CORE}, {@link #BODY} and the kind's own check), then its source. */
    static LuaScript checked(String name, String checks, String source) {
        return LuaScript.of(name, checks + source);
    }
}
