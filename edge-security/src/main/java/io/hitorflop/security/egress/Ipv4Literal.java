package io.hitorflop.security.egress;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a host that is an IPv4 address in any spelling the WHATWG URL Standard's IPv4 parser
 * (and inet_aton) accepts: dotted decimal, one to four parts ({@code 127.1}, {@code 2130706433}),
 * each part decimal, octal with a leading {@code 0} ({@code 0177.0.0.1}) or hex with {@code 0x}
 * ({@code 0x7f.1}). Such hosts are never handed to DNS, whose resolver would read them the same
 * way, so the guard classifies exactly the address a client would connect to.
 */
public final class Ipv4Literal {

    private Ipv4Literal() {
    }

    /** Whether the host's last label is a number, which makes the whole host an IPv4 literal (WHATWG "ends in a number"). */
    public static boolean endsInANumber(String host) {
        String trimmed = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String last = trimmed.substring(trimmed.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        if (last.isEmpty()) {
            return false;
        }
        if (last.chars().allMatch(Character::isDigit)) {
            return true;
        }
        return last.startsWith("0x") && last.substring(2).chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    /** The address the host spells, or empty when it is not an IPv4 literal (or an invalid one). */
    public static Optional<Inet4Address> parse(String host) {
        String trimmed = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String[] parts = trimmed.split("\\.", -1);
        if (trimmed.isEmpty() || parts.length > 4) {
            return Optional.empty();
        }
        BigInteger[] numbers = new BigInteger[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Optional<BigInteger> number = number(parts[i]);
            if (number.isEmpty()) {
                return Optional.empty();
            }
            numbers[i] = number.get();
        }
        BigInteger byteLimit = BigInteger.valueOf(256);
        for (int i = 0; i < numbers.length - 1; i++) {
            if (numbers[i].compareTo(byteLimit) >= 0) {
                return Optional.empty();
            }
        }
        int lastPartBytes = 5 - numbers.length;
        if (numbers[numbers.length - 1].compareTo(byteLimit.pow(lastPartBytes)) >= 0) {
            return Optional.empty();
        }
        long value = numbers[numbers.length - 1].longValueExact();
        for (int i = 0; i < numbers.length - 1; i++) {
            value += numbers[i].longValueExact() << (8 * (3 - i));
        }
        byte[] bytes = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
        try {
            return Optional.of((Inet4Address) InetAddress.getByAddress(bytes));
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static Optional<BigInteger> number(String part) {
        String lower = part.toLowerCase(Locale.ROOT);
        int radix = 10;
        String digits = lower;
        if (lower.startsWith("0x")) {
            radix = 16;
            digits = lower.substring(2);
            if (digits.isEmpty()) {
                return Optional.of(BigInteger.ZERO);
            }
        } else if (lower.length() > 1 && lower.startsWith("0")) {
            radix = 8;
            digits = lower.substring(1);
        }
        if (digits.isEmpty() || digits.length() > 64) {
            return Optional.empty();
        }
        final int base = radix;
        if (!digits.chars().allMatch(c -> Character.digit(c, base) >= 0)) {
            return Optional.empty();
        }
        return Optional.of(new BigInteger(digits, radix));
    }
}
