package io.ensemble.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The webapps load Ensemble's configuration and stylesheet instead of Camunda's samples (the browser journeys
 * show the result; this holds where no browser is installed).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
class WebappBrandingTest {

  static final String APP = "/camunda/app/";

  @Autowired TestRestTemplate rest;

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void everyWebappIsNamedEnsembleAndUsesItsStylesheet(String app) {
    ResponseEntity<String> config = rest.getForEntity(APP + app + "/scripts/config.js", String.class);
    ResponseEntity<String> styles = rest.getForEntity(APP + app + "/styles/user-styles.css", String.class);

    assertThat(config.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(config.getBody()).contains("vendor: 'Ensemble'");
    assertThat(styles.getBody()).contains("@import url(\"../../ensemble/ensemble.css\")");
  }

  @Test
  void theStylesheetShowsEnsemblesMarkAndHidesTheEndOfLifeBanner() {
    String css = rest.getForObject(APP + "ensemble/ensemble.css", String.class);
    ResponseEntity<String> mark = rest.getForEntity(APP + "ensemble/ensemble-mark.svg", String.class);

    assertThat(css).contains("url(\"ensemble-mark.svg\")")
        .containsPattern("\\.ce-eol-banner \\{\\s*display: none;");
    assertThat(mark.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(mark.getHeaders().getContentType()).hasToString("image/svg+xml");
    assertThat(mark.getBody()).contains("<title>Ensemble</title>");
  }
}
