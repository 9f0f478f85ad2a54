package io.ensemble.partnerapi.client;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** {@code PUT /v1/offers/{offerKey}}: the joint offer as every partner publishes it. */
public record JointOffer(String name, String pricingModel, List<PriceBookEntry> priceBook,
    List<RevenueShare> revenueShares, List<String> slaTerms, LocalDate launchDate) {

  public record PriceBookEntry(String sku, String description, String unit, BigDecimal price, String currency) {}

  public record RevenueShare(String partnerKey, BigDecimal sharePercent) {}
}
