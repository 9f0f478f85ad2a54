package io.ensemble.partnerapi.client;

/** The partner joined the pilot; {@code contact} is its delivery lead for the service desk. */
public record PilotEnrolment(String pilotId, String status, String contact) {}
