package io.ensemble.partner;

import io.ensemble.platform.CodeWords;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The words forms show for a partner's codes: {@code {{partnerTypeLabel}}}, {@code {{riskTierLabel}}} and so on. */
@Configuration
class PartnerWords {

  @Bean
  CodeWords partnerTypeWords() {
    return CodeWords.of("partnerType", PartnerType.class);
  }

  @Bean
  CodeWords dataAccessWords() {
    return CodeWords.of("dataAccess", DataAccess.class);
  }

  @Bean
  CodeWords riskTierWords() {
    return CodeWords.of("riskTier", RiskTier.class);
  }

  @Bean
  CodeWords certificationWords() {
    return CodeWords.of("certifications", Certification.class);
  }
}
