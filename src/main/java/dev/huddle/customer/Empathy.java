package dev.huddle.customer;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** Empathy-map notes on a customer's buyer. */
@Embeddable
public class Empathy {
    @Column(name = "empathy_says", length = 10000)
    public String says;
    @Column(name = "empathy_thinks", length = 10000)
    public String thinks;
    @Column(name = "empathy_does", length = 10000)
    public String does;
    @Column(name = "empathy_feels", length = 10000)
    public String feels;
    @Column(name = "empathy_pains", length = 10000)
    public String pains;
    @Column(name = "empathy_gains", length = 10000)
    public String gains;
}
