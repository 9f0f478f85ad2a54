package io.ensemble.partnerapi.client;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * {@code GET /v1/offers/{offerKey}/settlement-figures}: what the partner measured for one settlement period of a
 * launched offer: the outcome it reached (in the unit of the offer's outcome target; null without an outcome SLA)
 * and its breaches of the offer's SLA terms.
 */
public record SettlementFigures(String offerKey, LocalDate from, LocalDate to, BigDecimal outcomeActual,
    int slaBreaches) {}
