package dev.huddle.board;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Positions of cards in a column as strings ordered lexicographically (fractional indexing): a new position
 * between two neighbours is computed from their ranks alone, so a move writes only the moved card.
 * Digits are 0-9a-z, which sort the same in every common collation; a rank never ends in '0', so there is
 * always room between two different ranks.
 */
public final class Rank {
    static final String DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";
    private static final int BASE = DIGITS.length();
    public static final int MAX_LENGTH = 64;
    /** Ranks longer than this trigger a rebalance of the column (rare: after many inserts at one spot). */
    public static final int REBALANCE_LENGTH = 48;

    private Rank() {
    }

    /**
     * A rank strictly between {@code before} and {@code after}; null means the column's start or end.
     * Adding at either end steps the last digit (no growth for thousands of cards); adding between two
     * cards splits the gap.
     */
    public static String between(String before, String after) {
        if (before == null && after == null) {
            return "i";
        }
        if (after == null) {
            return next(before);
        }
        if (before == null) {
            return previous(after);
        }
        if (before.compareTo(after) >= 0) {
            throw new IllegalArgumentException("ranks out of order: " + before + " >= " + after);
        }
        return midpoint(before, after);
    }

    /**
     * The next rank after {@code a}, the column's last. It steps {@code a}'s last digit, padded to 3 digits, and to
     * twice its leading 'z's: appending past "zzz" goes on as "zzz001", "zzz002", … (46,655 steps) rather than
     * "zzzi", "zzzj", … (a character more every 18 appends, a rebalance every 800 or so), so the ranks of a column
     * that only ever grows at the bottom stay within 8 characters for a million appends and 10 for ten million.
     */
    private static String next(String a) {
        int leadingZ = 0;
        while (leadingZ < a.length() && a.charAt(leadingZ) == DIGITS.charAt(BASE - 1)) {
            leadingZ++;
        }
        char[] digits = padded(a, 2 * leadingZ);
        for (int i = digits.length - 1; i >= 0; i--) {
            int value = DIGITS.indexOf(digits[i]);
            if (value < BASE - 1) {
                digits[i] = DIGITS.charAt(value + 1);
                return new String(digits, 0, i + 1);
            }
            digits[i] = '0';
        }
        // Padded past its leading 'z's, the rank always has a digit to step.
        throw new IllegalStateException("no digit to step in " + a);
    }

    private static String previous(String b) {
        char[] digits = padded(b, 0);
        for (int i = digits.length - 1; i >= 0; i--) {
            int value = DIGITS.indexOf(digits[i]);
            if (value > 0) {
                digits[i] = DIGITS.charAt(value - 1);
                String candidate = trim(new String(digits));
                return candidate.equals("0") || candidate.isEmpty() ? midpoint("", b) : candidate;
            }
            digits[i] = DIGITS.charAt(BASE - 1);
        }
        return midpoint("", b);
    }

    /** {@code rank}'s digits followed by '0's up to 3 digits, or to {@code width} if that is more. */
    private static char[] padded(String rank, int width) {
        char[] digits = new char[Math.max(Math.max(rank.length(), 3), width)];
        Arrays.fill(digits, '0');
        rank.getChars(0, rank.length(), digits, 0);
        return digits;
    }

    private static String midpoint(String a, String b) {
        if (b != null) {
            // Keep the common prefix (treating a as padded with '0'), then split the remainder.
            int n = 0;
            while (n < b.length() && (n < a.length() ? a.charAt(n) : '0') == b.charAt(n)) {
                n++;
            }
            if (n > 0) {
                return b.substring(0, n) + midpoint(n < a.length() ? a.substring(n) : "", b.substring(n));
            }
        }
        int digitA = a.isEmpty() ? 0 : DIGITS.indexOf(a.charAt(0));
        int digitB = b == null ? BASE : DIGITS.indexOf(b.charAt(0));
        if (digitB - digitA > 1) {
            return String.valueOf(DIGITS.charAt((digitA + digitB + 1) / 2));
        }
        if (b != null && b.length() > 1) {
            return b.substring(0, 1);
        }
        return DIGITS.charAt(digitA) + midpoint(a.isEmpty() ? "" : a.substring(1), null);
    }

    /** {@code count} evenly spread ranks, all of length at most 3 for any realistic column. */
    public static List<String> spread(int count) {
        List<String> ranks = new ArrayList<>(count);
        int width = 1;
        long capacity = BASE - 1;
        while (capacity < count + 1L) {
            width++;
            capacity = capacity * BASE;
        }
        long space = (long) Math.pow(BASE, width);
        long step = space / (count + 1L);
        for (int i = 1; i <= count; i++) {
            ranks.add(trim(encode(step * i, width)));
        }
        return ranks;
    }

    private static String encode(long value, int width) {
        char[] out = new char[width];
        for (int i = width - 1; i >= 0; i--) {
            out[i] = DIGITS.charAt((int) (value % BASE));
            value /= BASE;
        }
        return new String(out);
    }

    private static String trim(String rank) {
        int end = rank.length();
        while (end > 1 && rank.charAt(end - 1) == '0') {
            end--;
        }
        return rank.substring(0, end);
    }

    public static boolean isValid(String rank) {
        if (rank == null || rank.isEmpty() || rank.length() > MAX_LENGTH || rank.endsWith("0")) {
            return false;
        }
        for (int i = 0; i < rank.length(); i++) {
            if (DIGITS.indexOf(rank.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
