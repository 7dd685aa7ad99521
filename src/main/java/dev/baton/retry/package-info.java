/**
 * How Baton retries an outbound call (registry, Kubernetes API, Slack): one construction over
 * Failsafe, with each adapter saying which of its failures are transient and what wait its server
 * asked for. Adapters only; the core ({@code dev.baton.pipeline}) does not depend on it.
 */
package dev.baton.retry;
