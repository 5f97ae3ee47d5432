package io.kubeorch.ssh;

/** {@code host}, {@code host:port} or {@code [v6-address]:port}. */
record HostPort(String host, int port) {

    static HostPort parse(String text, int defaultPort) {
        String value = text.trim();
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            if (end < 0) {
                throw new IllegalArgumentException("'" + text + "': missing ']'");
            }
            String host = value.substring(1, end);
            String rest = value.substring(end + 1);
            return new HostPort(host, rest.startsWith(":") ? port(text, rest.substring(1)) : defaultPort);
        }
        int colon = value.lastIndexOf(':');
        if (colon > 0 && value.indexOf(':') == colon) {
            return new HostPort(value.substring(0, colon), port(text, value.substring(colon + 1)));
        }
        return new HostPort(value, defaultPort);
    }

    private static int port(String text, String port) {
        try {
            int number = Integer.parseInt(port);
            if (number < 1 || number > 65535) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "': '" + port + "' is not a port number");
        }
    }

    @Override
    public String toString() {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
}
