package io.ensemble.partnerapi;

import org.springframework.data.jpa.repository.JpaRepository;

interface PartnerWebhookSecretRepository extends JpaRepository<PartnerWebhookSecret, String> {}
