package dev.huddle.common;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Duration;

/** The one source of "now"; tests replace it to set today. */
@ApplicationScoped
public class ClockProducer {
    @Produces
    @DefaultBean
    @ApplicationScoped
    Clock clock() {
        // Microsecond ticks: what the database keeps, so a response and a later read agree.
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1000));
    }
}
