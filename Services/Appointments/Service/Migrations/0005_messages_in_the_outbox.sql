-- What the service sends people is recorded in the kit's outbox (outbox_messages, made in this
-- schema by the kit's own migrations) and delivered from there: emails and SMS from the service's
-- templates, reminders not before their instant, withdrawn when their booking moves or is
-- cancelled. The service's own table of messages, where they waited for a delivery that never
-- came, goes (with every tenant's partition): one way, not two.
--
-- First the provisioning lock (platform.provision_tenant's): a tenant onboarded meanwhile would
-- otherwise list this table among those to partition and fail on its disappearance.
SELECT pg_advisory_xact_lock(727001);
DROP TABLE messages;
