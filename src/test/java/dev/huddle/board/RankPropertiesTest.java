package dev.huddle.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Random sequences of inserts, moves and reorders applied both to a column ordered by rank and to a reference
 * list: the rank order always equals the list, and every rank stays valid and distinct.
 */
class RankPropertiesTest {

    record Op(int kind, int a, int b) {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> op = net.jqwik.api.Combinators.combine(
                Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 10_000),
                Arbitraries.integers().between(0, 10_000)).as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(400);
    }

    @Property(tries = 300)
    void rankOrderMatchesTheReferenceList(@ForAll("ops") List<Op> ops) {
        List<Integer> model = new ArrayList<>();
        List<String> ranks = new ArrayList<>(); // ranks.get(i) is the rank of model.get(i)
        int nextId = 0;
        for (Op op : ops) {
            switch (op.kind()) {
                case 0, 1 -> { // insert at a position (kind 0: anywhere, kind 1: at the bottom)
                    int at = op.kind() == 1 ? model.size() : op.a() % (model.size() + 1);
                    String rank = Rank.between(at == 0 ? null : ranks.get(at - 1), at == model.size() ? null : ranks.get(at));
                    model.add(at, nextId++);
                    ranks.add(at, rank);
                }
                case 2 -> { // move a card to another position
                    if (model.isEmpty()) {
                        continue;
                    }
                    int from = op.a() % model.size();
                    Integer id = model.remove(from);
                    ranks.remove(from);
                    int to = op.b() % (model.size() + 1);
                    String rank = Rank.between(to == 0 ? null : ranks.get(to - 1), to == model.size() ? null : ranks.get(to));
                    model.add(to, id);
                    ranks.add(to, rank);
                }
                default -> { // push to the top
                    if (model.isEmpty()) {
                        continue;
                    }
                    int from = op.a() % model.size();
                    Integer id = model.remove(from);
                    ranks.remove(from);
                    model.add(0, id);
                    ranks.add(0, Rank.between(null, ranks.isEmpty() ? null : ranks.get(0)));
                }
            }
        }
        List<Integer> byRank = new ArrayList<>(model.size());
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < model.size(); i++) {
            indexes.add(i);
        }
        indexes.sort(Comparator.comparing(ranks::get));
        indexes.forEach(i -> byRank.add(model.get(i)));
        assertThat(byRank).isEqualTo(model);
        assertThat(ranks).doesNotHaveDuplicates().allMatch(Rank::isValid, "valid rank");
    }

    @Property(tries = 200)
    void betweenIsStrictlyBetween(@ForAll("rankPairs") List<String> pair) {
        String low = pair.get(0);
        String high = pair.get(1);
        String mid = Rank.between(low, high);
        assertThat(mid).isGreaterThan(low).isLessThan(high);
        assertThat(Rank.isValid(mid)).isTrue();
    }

    @Provide
    Arbitrary<List<String>> rankPairs() {
        Arbitrary<String> rank = Arbitraries.strings().withChars(Rank.DIGITS.toCharArray()).ofMinLength(1).ofMaxLength(12)
                .filter(Rank::isValid);
        return rank.list().ofSize(2).uniqueElements().map(l -> l.stream().sorted().toList());
    }

    @Property(tries = 50)
    void spreadIsSortedAndValid(@ForAll @IntRange(min = 1, max = 5000) int count) {
        List<String> spread = Rank.spread(count);
        assertThat(spread).hasSize(count).isSorted().doesNotHaveDuplicates().allMatch(Rank::isValid, "valid rank");
        assertThat(spread).allMatch(r -> r.length() <= 3, "short");
    }

    @Property(tries = 5)
    void appendingThousandsOfCardsKeepsRanksShort(@ForAll @IntRange(min = 1000, max = 5000) int count) {
        String last = null;
        for (int i = 0; i < count; i++) {
            String next = Rank.between(last, null);
            if (last != null) {
                assertThat(next).isGreaterThan(last);
            }
            last = next;
        }
        assertThat(last.length()).isLessThanOrEqualTo(4);
    }

    /**
     * A column that only grows at the bottom for years (or a benchmark's hour) never needs a rebalance: past "zzz"
     * the ranks gain digits in blocks, not one character every few appends.
     */
    @Example
    void appendingAHundredThousandCardsNeverNeedsARebalance() {
        String last = null;
        for (int i = 0; i < 100_000; i++) {
            String next = Rank.between(last, null);
            if (last != null && next.compareTo(last) <= 0) {
                throw new AssertionError(next + " does not follow " + last);
            }
            last = next;
        }
        assertThat(Rank.isValid(last)).isTrue();
        assertThat(last).startsWith("zzz").hasSizeLessThanOrEqualTo(8);
    }
}
