package io.ensemble.partnerapi.client;

import java.time.LocalDate;
import java.util.List;

/** {@code POST /v1/pilots}: the charter a partner joins. */
public record PilotRequest(String pilotId, String charter, List<String> successCriteria, String serviceDeskQueue,
    String leadIntegrator, LocalDate startsOn, LocalDate endsOn) {}
