package dev.huddle.board;

import java.util.List;

public enum BoardKind {
    /** Organised around the buyer's journey (SPEC §2). */
    SALES(List.of(
            new ColumnTemplate("Discovery", ColumnType.ACTIVE, 10,
                    "The buyer has a problem worth solving. Next: understand who they are and what they need."),
            new ColumnTemplate("Research", ColumnType.ACTIVE, 25,
                    "The buyer is comparing options. Next: share proof and connect them with references."),
            new ColumnTemplate("Purchase", ColumnType.ACTIVE, 60,
                    "The buyer has chosen to buy. Next: make the paperwork easy and agree the start."),
            new ColumnTemplate("Delivery", ColumnType.ACTIVE, 90,
                    "The buyer is getting what they bought. Next: make the first results visible."),
            new ColumnTemplate("Devotion", ColumnType.DONE, 100,
                    "The customer is a fan. Next: ask for referrals and recycle into the next opportunity."))),
    /** Plan-Do-Check-Act improvement ideas. */
    IMPROVEMENT(List.of(
            new ColumnTemplate("Ideas", ColumnType.QUEUE, null, "Anyone can add an idea. Next: pick one and ask why five times."),
            new ColumnTemplate("Plan", ColumnType.ACTIVE, null, "Root cause known. Next: agree a small experiment and its measure."),
            new ColumnTemplate("Do", ColumnType.ACTIVE, null, "Running the experiment. Next: collect the measure."),
            new ColumnTemplate("Check", ColumnType.ACTIVE, null, "Results in. Next: compare with the plan."),
            new ColumnTemplate("Act", ColumnType.DONE, null, "Adopted or dropped. Next: make it the standard or try again.")));

    public final List<ColumnTemplate> defaultColumns;

    BoardKind(List<ColumnTemplate> defaultColumns) {
        this.defaultColumns = defaultColumns;
    }

    public record ColumnTemplate(String name, ColumnType type, Integer probability, String policy) {
    }

    /** The outcomes a card on this kind of board may be closed with. */
    public boolean allowsOutcome(Outcome outcome) {
        return switch (outcome) {
            case OPEN -> false;
            case WON, LOST -> this == SALES;
            case DONE -> this == IMPROVEMENT;
            case DROPPED -> true;
        };
    }
}
