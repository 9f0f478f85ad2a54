package io.ensemble.partnerapi.client;

import java.math.BigDecimal;
import java.time.LocalDate;

/** {@code POST /v1/opportunities}: a co-sell registration (after AWS Partner Central / Partner Center referrals). */
public record OpportunityRequest(String opportunityId, String customerName, String offering, BigDecimal expectedValue,
    String currency, LocalDate expectedCloseDate, String stage) {}
