package dev.baton.store;

import dev.baton.fakes.InMemoryPipelineStore;
import dev.baton.pipeline.model.AuditEvent;
import dev.baton.pipeline.port.PipelineStore;

/** The contract against the in-memory fake the core's unit tests use. */
class InMemoryPipelineStoreTest extends PipelineStoreContract {
  private InMemoryPipelineStore fake;

  @Override
  protected PipelineStore store() {
    fake = new InMemoryPipelineStore();
    return fake;
  }

  @Override
  protected void tamperAuditDetail(long seq, String detail) {
    fake.tamperAudit(
        seq,
        e ->
            new AuditEvent(
                e.seq(),
                e.at(),
                e.actor(),
                e.action(),
                e.app(),
                e.env(),
                e.releaseTag(),
                e.promotionId(),
                detail,
                e.prevHash(),
                e.hash()));
  }
}
