package dev.huddle.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection of one load client, over a blocking socket: a request is one write, its
 * answer is read off the socket as far as the status line, the headers and the body need. Such a client costs
 * some 25 microseconds of CPU a request (the kernel's loopback included); the JDK's {@code HttpClient}, which the
 * harness used before, cost 0.13–0.28 ms of the 2 cores the server shares with the driver (docs/benchmarks.md).
 */
final class HttpConnection implements AutoCloseable {
    /** A response: its status and, where asked for, its body. */
    record Response(int status, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final String host;
    private final int port;
    private final String headers;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final byte[] line = new byte[8192];
    private Response last;

    /** {@code headers}: sent with every request, each line ending in CRLF (e.g. Authorization or Cookie). */
    HttpConnection(String host, int port, String headers) {
        this.host = host;
        this.port = port;
        this.headers = headers;
    }

    Response get(String path, boolean keepBody) throws IOException {
        return exchange("GET", path, headers, null, keepBody);
    }

    /** A GET with {@code extraHeaders} (each line ending in CRLF) after the connection's own. */
    Response get(String path, String extraHeaders, boolean keepBody) throws IOException {
        return exchange("GET", path, headers + extraHeaders, null, keepBody);
    }

    Response post(String path, String json) throws IOException {
        return exchange("POST", path, headers, json, true);
    }

    /**
     * Sends one request with {@code headers} instead of the connection's own, and reads its whole answer; a kept
     * connection the server closed meanwhile is opened again once.
     */
    Response exchange(String method, String path, String headers, String json, boolean keepBody) throws IOException {
        byte[] body = json == null ? null : json.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path)
                .append(" HTTP/1.1\r\nHost: ").append(host).append(':').append(port).append("\r\n").append(headers);
        if (body != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        byte[] request = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        boolean fresh = socket == null;
        try {
            return send(request, body, keepBody);
        } catch (IOException e) {
            close();
            if (fresh) {
                throw e;
            }
            return send(request, body, keepBody);
        }
    }

    private Response send(byte[] request, byte[] body, boolean keepBody) throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 10_000);
            socket.setSoTimeout(60_000);
            in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            out = socket.getOutputStream();
        }
        if (body == null) {
            out.write(request);
        } else {
            byte[] whole = new byte[request.length + body.length];
            System.arraycopy(request, 0, whole, 0, request.length);
            System.arraycopy(body, 0, whole, request.length, body.length);
            out.write(whole);
        }
        out.flush();
        String status = readLine();
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean closes = false;
        for (String header = readLine(); !header.isEmpty(); header = readLine()) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
                chunked = true;
            } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                closes = true;
            }
        }
        ByteArrayOutputStream kept = keepBody ? new ByteArrayOutputStream() : null;
        if (chunked) {
            for (long size = chunkSize(); size > 0; size = chunkSize()) {
                copy(size, kept);
                readLine();
            }
            while (!readLine().isEmpty()) {
                // trailers
            }
        } else if (length > 0) {
            copy(length, kept);
        }
        if (closes) {
            close();
        }
        Response response = new Response(code, kept == null ? new byte[0] : kept.toByteArray());
        last = response;
        return response;
    }

    /** The answer this connection read last (its body empty unless it was kept), or null before the first. */
    Response last() {
        return last;
    }

    private long chunkSize() throws IOException {
        String size = readLine();
        int extension = size.indexOf(';');
        return Long.parseLong(extension < 0 ? size.trim() : size.substring(0, extension).trim(), 16);
    }

    private void copy(long count, ByteArrayOutputStream kept) throws IOException {
        byte[] buffer = line;
        long left = count;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new EOFException("connection closed inside a body");
            }
            if (kept != null) {
                kept.write(buffer, 0, n);
            }
            left -= n;
        }
    }

    /** One header line without its CRLF (ISO-8859-1, as HTTP headers are). */
    private String readLine() throws IOException {
        int n = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed");
            }
            if (b == '\n') {
                int end = n > 0 && line[n - 1] == '\r' ? n - 1 : n;
                return new String(line, 0, end, StandardCharsets.ISO_8859_1);
            }
            if (n == line.length) {
                throw new IOException("header line too long");
            }
            line[n++] = (byte) b;
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }
}
