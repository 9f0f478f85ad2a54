package io.ensemble.partnerapi.client;

/** The partner registered the opportunity under its own reference. */
public record OpportunityRegistration(String opportunityId, String partnerReference, String status) {}
