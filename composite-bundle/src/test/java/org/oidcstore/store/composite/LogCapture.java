package org.oidcstore.store.composite;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records what one logger (and its children) logs while open: the composite logs through
 * {@code System.Logger}, which is backed by {@code java.util.logging} in these tests.
 */
public final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            synchronized (records) {
                records.add(r);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture(String name) {
        this.logger = Logger.getLogger(name);
        handler.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    public static LogCapture of(String loggerName) {
        return new LogCapture(loggerName);
    }

    /** The formatted messages logged at {@code level}. */
    public List<String> messages(Level level) {
        synchronized (records) {
            return records.stream().filter(r -> r.getLevel().equals(level))
                    .map(r -> new java.util.logging.SimpleFormatter().formatMessage(r)).toList();
        }
    }

    /** Every formatted message, any level. */
    public List<String> all() {
        synchronized (records) {
            return records.stream().map(r -> new java.util.logging.SimpleFormatter().formatMessage(r)).toList();
        }
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
