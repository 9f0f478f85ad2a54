package io.ensemble.partner;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the registry shows of a partner's URL: never credentials, even of a row registered before the egress policy. */
class PartnerRegistryViewTest {

  @Test
  void credentialsInARegisteredUrlAreNotShown() {
    assertThat(PartnerRegistryController.withoutUserInfo("http://user:pass@partner.example/v1"))
        .isEqualTo("http://partner.example/v1");
    assertThat(PartnerRegistryController.withoutUserInfo("https://token@partner.example"))
        .isEqualTo("https://partner.example");
    assertThat(PartnerRegistryController.withoutUserInfo("https://partner.example/a@b")).isEqualTo("https://partner.example/a@b");
  }
}
