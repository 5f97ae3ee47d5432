package io.kubeorch.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Keeps the last {@link #LIMIT} bytes of a stream, so a chatty command cannot fill the memory of
 * kubeorch. Written by one reader thread, read after that thread is done.
 */
final class OutputTail {

    static final int LIMIT = 64 * 1024;

    private final byte[] ring = new byte[LIMIT];
    private long total;

    /** Reads {@code in} to its end; an I/O error ends the reading (the caller finds out why elsewhere). */
    void drain(InputStream in) {
        byte[] buffer = new byte[8192];
        try {
            int read;
            while ((read = in.read(buffer)) != -1) {
                append(buffer, read);
            }
        } catch (IOException e) {
            // the channel or connection ended: what was read so far is kept
        }
    }

    synchronized void append(byte[] bytes, int length) {
        for (int offset = 0; offset < length; ) {
            int position = (int) (total % LIMIT);
            int chunk = Math.min(length - offset, LIMIT - position);
            System.arraycopy(bytes, offset, ring, position, chunk);
            offset += chunk;
            total += chunk;
        }
    }

    /** The text kept; when bytes were dropped, a first line says how many. */
    synchronized String text() {
        if (total <= LIMIT) {
            return new String(ring, 0, (int) total, StandardCharsets.UTF_8);
        }
        int start = (int) (total % LIMIT);
        byte[] ordered = new byte[LIMIT];
        System.arraycopy(ring, start, ordered, 0, LIMIT - start);
        System.arraycopy(ring, 0, ordered, LIMIT - start, start);
        return "[... " + (total - LIMIT) + " earlier bytes cut ...]\n" + new String(ordered, StandardCharsets.UTF_8);
    }
}
