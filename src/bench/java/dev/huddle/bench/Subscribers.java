package dev.huddle.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Many subscribers to one board's event stream, all read by one selector thread as a load tool would: for each
 * subscriber, the seq ({@code id:}) of every event it received and when its bytes arrived ({@link System#nanoTime}).
 * One thread and no per-line objects, so the 2 cores the server shares with the driver go to the server.
 */
final class Subscribers implements AutoCloseable {
    private final Selector selector = Selector.open();
    private final List<Stream> streams = new ArrayList<>();
    private final CountDownLatch connected;
    private final Thread reader;
    private volatile boolean running = true;

    /** Opens {@code count} streams of GET {@code path} with {@code headers} (each line ending in CRLF). */
    Subscribers(String host, int port, String path, String headers, int count) throws IOException {
        connected = new CountDownLatch(count);
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAccept: text/event-stream\r\n"
                + headers + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < count; i++) {
            SocketChannel channel = SocketChannel.open(new InetSocketAddress(host, port));
            channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
            ByteBuffer out = ByteBuffer.wrap(request);
            while (out.hasRemaining()) {
                channel.write(out);
            }
            channel.configureBlocking(false);
            Stream stream = new Stream();
            streams.add(stream);
            channel.register(selector, SelectionKey.OP_READ, stream);
        }
        reader = new Thread(this::read, "sse-subscribers");
        reader.setDaemon(true);
        reader.start();
    }

    /** Waits until every stream has answered with the server's {@code :connected} comment. */
    boolean awaitConnected(long seconds) throws InterruptedException {
        return connected.await(seconds, TimeUnit.SECONDS);
    }

    /** What subscriber {@code index} received so far: {seq, arrival nanos} pairs, in arrival order. */
    List<long[]> arrivals(int index) {
        List<long[]> events = streams.get(index).events;
        synchronized (events) {
            return new ArrayList<>(events);
        }
    }

    private void read() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
        byte[] bytes = new byte[buffer.capacity()];
        try {
            while (running) {
                selector.select(100);
                long now = System.nanoTime();
                for (SelectionKey key : selector.selectedKeys()) {
                    SocketChannel channel = (SocketChannel) key.channel();
                    Stream stream = (Stream) key.attachment();
                    buffer.clear();
                    int n = channel.read(buffer);
                    if (n < 0) {
                        key.cancel();
                        channel.close();
                        continue;
                    }
                    buffer.flip();
                    buffer.get(bytes, 0, n);
                    stream.accept(bytes, n, now);
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            if (running) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        running = false;
        selector.wakeup();
        try {
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SelectionKey key : selector.keys()) {
            key.channel().close();
        }
        selector.close();
    }

    /**
     * One response, parsed as bytes arrive: its head, then (chunked or not) its body's lines. Only two kinds of
     * line matter: the {@code :connected} comment and an event's {@code id:}.
     */
    private final class Stream {
        final List<long[]> events = Collections.synchronizedList(new ArrayList<>());
        /** A head or chunk-size line (longer ones are cut: no header here matters past its first KiB). */
        private final byte[] line = new byte[1024];
        private int length;
        /** The start of a chunked body's line: only {@code :connected} and {@code id: <seq>} are looked for. */
        private final byte[] body = new byte[64];
        private int bodyLength;
        private boolean inBody;
        private boolean chunked;
        /** Body bytes left in the current chunk; 0 when a chunk-size line comes next. */
        private long chunkLeft;
        /** The CRLF after a chunk's data is still to come. */
        private boolean chunkEnd;

        void accept(byte[] bytes, int count, long now) {
            for (int i = 0; i < count; i++) {
                byte b = bytes[i];
                if (inBody && chunked && chunkLeft > 0) {
                    chunkLeft--;
                    if (chunkLeft == 0) {
                        chunkEnd = true;
                    }
                    bodyByte(b, now);
                } else if (b == '\n') {
                    int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
                    String text = new String(line, 0, end, StandardCharsets.ISO_8859_1);
                    length = 0;
                    frameLine(text, now);
                } else if (length < line.length) {
                    line[length++] = b;
                }
            }
        }

        /** A line of the head, a chunk-size line or (not chunked) a body line. */
        private void frameLine(String text, long now) {
            if (!inBody) {
                if (text.isEmpty()) {
                    inBody = true;
                } else if (text.regionMatches(true, 0, "Transfer-Encoding: chunked", 0, 26)) {
                    chunked = true;
                }
            } else if (!chunked) {
                bodyLine(text, now);
            } else if (chunkEnd) {
                chunkEnd = false;
            } else if (!text.isEmpty()) {
                int extension = text.indexOf(';');
                chunkLeft = Long.parseLong(extension < 0 ? text.trim() : text.substring(0, extension).trim(), 16);
            }
        }

        private void bodyByte(byte b, long now) {
            if (b == '\n') {
                bodyLine(new String(body, 0, bodyLength, StandardCharsets.ISO_8859_1), now);
                bodyLength = 0;
            } else if (bodyLength < body.length) {
                body[bodyLength++] = b;
            }
        }

        private void bodyLine(String text, long now) {
            if (text.startsWith(":connected")) {
                connected.countDown();
            } else if (text.startsWith("id:")) {
                events.add(new long[] {Long.parseLong(text.substring(3).trim()), now});
            }
        }
    }
}
