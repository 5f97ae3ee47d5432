package io.kubeorch.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * IPv4 and IPv6 literals, parsed by hand: {@link java.net.InetAddress} would resolve host names,
 * accepts forms such as {@code 010.1.1.1} or {@code fe80::1%eth0}, and turns IPv4-mapped IPv6
 * addresses into IPv4 ones.
 */
final class IpAddresses {

    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");

    private IpAddresses() {
    }

    /** 4 bytes for an IPv4 literal, 16 for an IPv6 one, null for anything else. */
    static byte[] parse(String text) {
        byte[] v4 = parseIpv4(text);
        return v4 != null ? v4 : parseIpv6(text);
    }

    /** Dotted quad, each part 0-255 without leading zeros (which some tools read as octal). */
    static byte[] parseIpv4(String text) {
        if (!IPV4.matcher(text).matches()) {
            return null;
        }
        String[] parts = text.split("\\.");
        byte[] address = new byte[4];
        for (int i = 0; i < 4; i++) {
            address[i] = (byte) Integer.parseInt(parts[i]);
        }
        return address;
    }

    /** RFC 4291 text forms, including {@code ::} and a trailing dotted quad; no zone ids, no brackets. */
    static byte[] parseIpv6(String text) {
        if (!IPV6_CHARACTERS.matcher(text).matches() || text.indexOf(':') < 0) {
            return null;
        }
        byte[] embeddedIpv4 = null;
        String groups = text;
        if (text.indexOf('.') >= 0) {
            int lastColon = text.lastIndexOf(':');
            embeddedIpv4 = parseIpv4(text.substring(lastColon + 1));
            if (embeddedIpv4 == null) {
                return null;
            }
            groups = text.substring(0, lastColon + 1) + "0:0";
        }
        int doubleColon = groups.indexOf("::");
        if (doubleColon != groups.lastIndexOf("::")) {
            return null;
        }
        List<String> head;
        List<String> tail;
        if (doubleColon >= 0) {
            head = hexGroups(groups.substring(0, doubleColon));
            tail = hexGroups(groups.substring(doubleColon + 2));
            if (head == null || tail == null || head.size() + tail.size() > 7) {
                return null;
            }
        } else {
            head = hexGroups(groups);
            tail = List.of();
            if (head == null || head.size() != 8) {
                return null;
            }
        }
        byte[] address = new byte[16];
        for (int i = 0; i < head.size(); i++) {
            putGroup(address, i, head.get(i));
        }
        for (int i = 0; i < tail.size(); i++) {
            putGroup(address, 8 - tail.size() + i, tail.get(i));
        }
        if (embeddedIpv4 != null) {
            System.arraycopy(embeddedIpv4, 0, address, 12, 4);
        }
        return address;
    }

    private static List<String> hexGroups(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        List<String> groups = new ArrayList<>();
        for (String group : text.split(":", -1)) {
            if (!HEX_GROUP.matcher(group).matches()) {
                return null;
            }
            groups.add(group);
        }
        return groups;
    }

    private static void putGroup(byte[] address, int index, String group) {
        int value = Integer.parseInt(group, 16);
        address[2 * index] = (byte) (value >>> 8);
        address[2 * index + 1] = (byte) value;
    }

    /** Canonical text: dotted quad, or RFC 5952 IPv6 (lowercase, longest zero run as {@code ::}). */
    static String format(byte[] address) {
        if (address.length == 4) {
            return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "."
                    + (address[3] & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && groups[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    static boolean isUnspecified(byte[] address) {
        for (byte b : address) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    static String family(byte[] address) {
        return address.length == 4 ? "IPv4" : "IPv6";
    }
}
