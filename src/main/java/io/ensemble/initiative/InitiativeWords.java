package io.ensemble.initiative;

import io.ensemble.platform.CodeWords;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The words forms show for an initiative's codes: {@code {{capabilitiesLabel}}}. */
@Configuration
class InitiativeWords {

  @Bean
  CodeWords capabilityWords() {
    return CodeWords.of("capabilities", Capability.class);
  }
}
