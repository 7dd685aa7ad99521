package dev.baton.pipeline.model;

import java.time.Instant;

/** One person's approval of one promotion (and so of its exact digests). */
public record Approval(String promotionId, String approver, Instant approvedAt) {}
