package dev.baton.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import dev.baton.pipeline.LeaseOwner;
import dev.baton.pipeline.PipelineCore;
import dev.baton.pipeline.dora.DoraQueries;
import dev.baton.pipeline.model.Pipeline;
import dev.baton.pipeline.port.Directory;
import dev.baton.pipeline.port.PipelineStore;
import dev.baton.slack.commands.CommandBook;
import dev.baton.slack.home.HomePublisher;
import dev.baton.slack.listen.SlackApp;
import dev.baton.slack.listen.SlackOverload;
import dev.baton.slack.listen.SlackWork;
import dev.baton.slack.notify.Cards;
import dev.baton.slack.notify.DeliveryQueue;
import dev.baton.slack.notify.ProgressBoard;
import dev.baton.slack.notify.Refresher;
import dev.baton.slack.notify.SlackChat;
import dev.baton.slack.notify.SlackMessages;
import dev.baton.slack.notify.ThreadPublisher;
import dev.baton.slack.web.ReplySender;
import dev.baton.slack.web.SlackWeb;
import dev.baton.slack.web.UsergroupDirectory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.value.PropertyResolver;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;

/**
 * The Slack adapter's beans. Without Slack settings only {@link SlackSettings} exists: the core
 * keeps its defaults ({@code LoggingChat}, no group directory) and {@code /slack/events} answers
 * 503. With them, {@link SlackChat} replaces {@code LoggingChat} and the user-group directory
 * replaces {@code Directory.NONE}.
 */
@Factory
public class SlackWiring {

  @Singleton
  SlackSettings slackSettings(PropertyResolver properties) {
    return SlackSettings.from(properties);
  }

  @Singleton
  @Requires(condition = SlackConfigured.class)
  Slack slack(SlackSettings settings) {
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(settings.apiUrl());
    config.setPrettyResponseLoggingEnabled(false);
    config.setHttpClientReadTimeoutMillis(10_000);
    config.setHttpClientWriteTimeoutMillis(10_000);
    return Slack.getInstance(config);
  }

  @Singleton
  @Requires(condition = SlackConfigured.class)
  SlackWeb slackWeb(Slack slack, SlackSettings settings, Clock clock) {
    return new SlackWeb(slack, settings.botToken(), clock);
  }

  @Singleton
  @Requires(condition = SlackConfigured.class)
  Directory slackDirectory(SlackWeb web) {
    return new UsergroupDirectory(web, Duration.ofSeconds(60), Clock.systemUTC());
  }

  @Singleton
  @Requires(condition = SlackConfigured.class)
  SlackMessages slackMessages(JdbcOperations jdbc, TransactionOperations<Connection> tx) {
    return new SlackMessages(jdbc, tx);
  }

  @Singleton
  @Requires(condition = SlackConfigured.class)
  @Bean(preDestroy = "close")
  DeliveryQueue slackDeliveryQueue() {
    return new DeliveryQueue("baton-slack-delivery");
  }

  @Singleton
  @Requires(condition = SlackConfigured.class)
  ProgressBoard slackProgress() {
    return new ProgressBoard();
  }

  @Singleton
  @Requires(condition = SlackConfigured.class)
  ThreadPublisher slackThreads(
      Pipeline pipeline,
      PipelineStore store,
      Clock clock,
      ProgressBoard progress,
      SlackMessages messages,
      SlackWeb web,
      SlackSettings settings,
      LeaseOwner owner) {
    return new ThreadPublisher(
        new Cards(pipeline, store, clock, progress),
        messages,
        web,
        settings.defaultChannel(),
        owner.id() + "/" + UUID.randomUUID());
  }

  @Singleton
  @Requires(condition = SlackConfigured.class)
  HomePublisher slackHomes(
      BeanProvider<PipelineCore> core,
      SlackWeb web,
      SlackMessages messages,
      DeliveryQueue queue,
      DoraQueries dora) {
    return new HomePublisher(core::get, web, messages, queue, dora);
  }

  @Singleton
  @Requires(condition = SlackConfigured.class)
  SlackChat slackChat(
      DeliveryQueue queue,
      ThreadPublisher threads,
      ProgressBoard progress,
      PipelineStore store,
      SlackWeb web,
      Clock clock,
      HomePublisher homes) {
    return new SlackChat(queue, threads, progress, store, web, clock, homes);
  }

  @Singleton
  @Requires(condition = SlackConfigured.class)
  Refresher slackRefresher(
      PipelineStore store,
      Pipeline pipeline,
      Clock clock,
      SlackChat chat,
      SlackMessages messages,
      ThreadPublisher threads) {
    return new Refresher(store, pipeline, clock, chat, messages, threads);
  }

  @Singleton
  @Named("slack-work")
  @Requires(condition = SlackConfigured.class)
  @Bean(preDestroy = "shutdownNow")
  ExecutorService slackWorkExecutor(SlackTuning tuning) {
    // The work after an acknowledgement mostly waits on I/O (the database, a cluster read, the
    // POST to response_url): more threads than cores keep answers flowing under bursts. The queue
    // is bounded: beyond it a request is refused with a clear answer (SlackOverload).
    return SlackOverload.boundedPool("baton-slack-work", tuning.workThreads(), tuning.workQueue());
  }

  @Singleton
  @Requires(condition = SlackConfigured.class)
  @Bean(preDestroy = "close")
  SlackOverload slackOverload(@Nullable MeterRegistry meters) {
    return new SlackOverload(meters);
  }

  @Singleton
  @Requires(condition = SlackConfigured.class)
  SlackApp slackApp(
      SlackSettings settings,
      Slack slack,
      PipelineCore core,
      SlackWeb web,
      HomePublisher homes,
      SlackChat chat,
      @Named("slack-work") ExecutorService executor,
      SlackOverload overload,
      Clock clock,
      DoraQueries dora) {
    SlackWork work =
        new SlackWork(
            core,
            new CommandBook(core, dora),
            new ReplySender(web),
            web,
            homes,
            chat,
            executor,
            overload,
            clock);
    return new SlackApp(settings, slack, work);
  }
}
