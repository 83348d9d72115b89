package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Bounded waits for things other threads hand over: the tests never sleep. */
final class Waits {

    /** Long enough for a loaded 2-core build machine; a passing test never waits this long. */
    static final long SECONDS = 10;

    private Waits() {
    }

    static <T> T take(BlockingQueue<T> queue, String what) {
        try {
            T item = queue.poll(SECONDS, TimeUnit.SECONDS);
            assertNotNull(item, "timed out waiting for " + what);
            return item;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted waiting for " + what);
        }
    }

    /** Polls the condition every 10 ms until it holds (bounded). */
    static void until(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        try {
            while (!condition.getAsBoolean()) {
                if (System.nanoTime() > deadline) {
                    fail("timed out waiting for " + what);
                }
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted waiting for " + what);
        }
    }

    static void await(CountDownLatch latch, String what) {
        try {
            if (!latch.await(SECONDS, TimeUnit.SECONDS)) {
                fail("timed out waiting for " + what);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted waiting for " + what);
        }
    }
}
