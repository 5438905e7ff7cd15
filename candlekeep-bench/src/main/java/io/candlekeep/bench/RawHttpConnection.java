package io.candlekeep.bench;

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
 * One keep-alive HTTP/1.1 connection over a plain socket, for GET requests only. It exists because a load
 * generator's own cost is part of every latency it reports: this client sends a pre-built request in one write
 * and reads the answer with a buffered stream, so almost all of the time measured is the server's and the
 * loopback's. It understands {@code Content-Length} and chunked bodies, which is all a server answers a GET with.
 * One connection can alternate between several pre-built requests ({@link #request}, {@link #send}).
 */
final class RawHttpConnection implements ClosedLoop.Worker {

    private final int port;
    private final String authorization;
    private final byte[] request;
    private Socket socket;
    private OutputStream out;
    private InputStream in;
    private int reconnects;
    private final byte[] buffer = new byte[64 * 1024];
    private final StringBuilder line = new StringBuilder(128);

    /** A connection that sends the admin's token. */
    RawHttpConnection(int port, String pathAndQuery) throws IOException {
        this(port, pathAndQuery, RunningService.AUTHORIZATION);
    }

    /** @param authorization the whole {@code Authorization} header value every request sends, {@code Bearer <token>} */
    RawHttpConnection(int port, String pathAndQuery, String authorization) throws IOException {
        this.port = port;
        this.authorization = authorization;
        this.request = request(pathAndQuery);
        connect();
    }

    /** The bytes of a GET of {@code pathAndQuery} on this connection, built once and then sent with {@link #send}. */
    byte[] request(String pathAndQuery) {
        return ("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nAccept: */*\r\nUser-Agent: candlekeep-bench\r\nAuthorization: " + authorization
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(30_000);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    }

    /** How often the server ended the connection (Tomcat does after 100 requests by default) and it was reopened. */
    @Override
    public int reconnects() {
        return reconnects;
    }

    /** Sends the GET this connection was opened with; see {@link #send}. */
    @Override
    public long call() throws IOException {
        return send(request, null);
    }

    /**
     * Sends {@code request} (from {@link #request}) and reads the whole answer; returns the body length, throws
     * unless the status is 200. The body is copied into {@code body} unless it is null. When the server announces it
     * closes the connection, the next call opens a new one, as any keep-alive client does; that cost lands in the
     * next request's latency.
     */
    long send(byte[] request, ByteArrayOutputStream body) throws IOException {
        if (socket == null) {
            connect();
            reconnects++;
        }
        out.write(request);
        out.flush();
        String status = readLine();
        if (!status.startsWith("HTTP/1.1 200")) {
            throw new IOException("Expected HTTP/1.1 200 but got '" + status + "'");
        }
        long contentLength = -1;
        boolean chunked = false;
        boolean close = false;
        for (String header = readLine(); !header.isEmpty(); header = readLine()) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                contentLength = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
                chunked = true;
            } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                close = true;
            }
        }
        long length = readBody(chunked, contentLength, body);
        if (close) {
            socket.close();
            socket = null;
        }
        return length;
    }

    private long readBody(boolean chunked, long contentLength, ByteArrayOutputStream body) throws IOException {
        if (chunked) {
            long total = 0;
            for (long size = Long.parseLong(readLine().trim(), 16); size > 0; size = Long.parseLong(readLine().trim(), 16)) {
                read(size, body);
                readLine();
                total += size;
            }
            readLine();
            return total;
        }
        if (contentLength < 0) {
            throw new IOException("An answer with neither Content-Length nor chunked encoding cannot keep the connection");
        }
        read(contentLength, body);
        return contentLength;
    }

    /** Reads {@code bytes} of body, into {@code body} unless it is null. */
    private void read(long bytes, ByteArrayOutputStream body) throws IOException {
        long left = bytes;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new EOFException("Connection closed with " + left + " body bytes still expected");
            }
            if (body != null) {
                body.write(buffer, 0, n);
            }
            left -= n;
        }
    }

    private String readLine() throws IOException {
        line.setLength(0);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("Connection closed inside a header line");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
        }
    }
}
