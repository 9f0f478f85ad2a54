package io.ensemble.partnerapi.events;

import org.springframework.data.jpa.repository.JpaRepository;

interface PartnerWebhookSecretRepository extends JpaRepository<PartnerWebhookSecret, String> {}
