package dev.baton.registry.ecr;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.EcrClientBuilder;

/** Builds the SDK client of one ECR registry. */
final class EcrClients {
  private EcrClients() {}

  /**
   * A synchronous client on the Apache 5 HTTP client. Its retries are off ({@code doNotRetry}):
   * {@code RetryPolicy} retries every registry call, so the decision stays in one place and the
   * attempts are not multiplied. Without a configured region the SDK's default region chain applies
   * and fails here, at startup, when it finds none.
   */
  static EcrClient create(EcrSettings s) {
    EcrClientBuilder b =
        EcrClient.builder()
            .httpClientBuilder(
                Apache5HttpClient.builder()
                    .connectionTimeout(s.timeout())
                    .socketTimeout(s.timeout()))
            .overrideConfiguration(
                o ->
                    o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallAttemptTimeout(s.timeout()))
            .credentialsProvider(credentials(s));
    if (s.region() != null) {
      b.region(Region.of(s.region()));
    }
    if (s.endpoint() != null) {
      b.endpointOverride(s.endpoint());
    }
    return b.build();
  }

  private static AwsCredentialsProvider credentials(EcrSettings s) {
    if (s.accessKeyId() == null) {
      return DefaultCredentialsProvider.builder().build();
    }
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(s.accessKeyId(), s.secretAccessKey()));
  }
}
