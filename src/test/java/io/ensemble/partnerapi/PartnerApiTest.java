package io.ensemble.partnerapi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The one Spring context of the Partner API tests (demo profile, so the sandbox partner is on): short timeouts,
 * a circuit breaker that opens after four failures and half-opens after a second, the sweep out of the way,
 * the test-only probe processes and their delegates, and an egress allow-list naming the local partners.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "ensemble.partner-api.connect-timeout=PT1S",
    "ensemble.partner-api.read-timeout=PT2S",
    "ensemble.partner-api.circuit-breaker.minimum-number-of-calls=4",
    "ensemble.partner-api.circuit-breaker.sliding-window-size=4",
    "ensemble.partner-api.circuit-breaker.wait-in-open-state=PT1S",
    "ensemble.partner-api.inbox-sweep-interval=PT1H",
    "ensemble.sandbox-partner.behaviour.sbx-configured.conformant=false",
    "ensemble.sandbox-partner.behaviour.sbx-configured.latencyMillis=25",
    "ensemble.partner-api.credentials.api-key-partner=api-key:key-123",
    // the egress policy admits the sandbox partner of this application and the tests' WireMock partner, by URL
    "ensemble.partner-api.egress.allow[0]=http://localhost:${local.server.port}/sandbox-partners/",
    "ensemble.partner-api.egress.allow[1]=${" + PartnerApiTestSupport.WIREMOCK_URL + ":http://wiremock.invalid}/"})
@Import(PartnerApiTestSupport.Processes.class)
@interface PartnerApiTest {}
