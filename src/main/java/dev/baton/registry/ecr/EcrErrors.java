package dev.baton.registry.ecr;

import dev.baton.registry.RegistryFailure;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.model.ImageAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.ImageFailure;
import software.amazon.awssdk.services.ecr.model.ImageTagAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/**
 * Translates the AWS SDK's exceptions and ECR's {@code failures[]} entries into {@link
 * RegistryFailure}s that say what to do. Whether one is retried is decided by {@code RetryPolicy}
 * from its status and error code, not here.
 */
final class EcrErrors {
  private final EcrSettings settings;
  private final String region;

  EcrErrors(EcrSettings settings, String region) {
    this.settings = settings;
    this.region = region;
  }

  /**
   * Runs one SDK call. The exceptions the adapter handles itself ({@code ImageAlreadyExists},
   * {@code ImageTagAlreadyExists}, {@code RepositoryNotFound}) pass through unchanged.
   */
  <T> T call(Supplier<T> call, EcrRepository r, boolean push) {
    try {
      return call.get();
    } catch (ImageAlreadyExistsException
        | ImageTagAlreadyExistsException
        | RepositoryNotFoundException e) {
      throw e;
    } catch (AwsServiceException e) {
      String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
      String message = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
      throw RegistryFailure.http(
          "ECR answered HTTP "
              + e.statusCode()
              + " "
              + code
              + (message == null ? "" : " (" + message + ")"),
          e.statusCode(),
          code,
          advice(code, e.statusCode(), r, push));
    } catch (ApiCallAttemptTimeoutException | ApiCallTimeoutException e) {
      throw new RegistryFailure(
          "no answer from ECR within " + settings.timeout().toSeconds() + " s",
          0,
          "RequestTimeout",
          null,
          null,
          e);
    } catch (SdkClientException e) {
      throw new RegistryFailure(
          "could not call ECR (" + e.getMessage() + ")",
          0,
          "",
          null,
          "Check the AWS credentials ("
              + settings.key()
              + ".access-key-id and .secret-access-key, or the default AWS chain: environment,"
              + " profile, web identity, instance role) and the network path to ECR",
          e);
    } catch (SdkException e) {
      throw RegistryFailure.terminal("ECR call failed (" + e.getMessage() + ")", null);
    }
  }

  RegistryFailure repositoryMissing(EcrRepository r) {
    return RegistryFailure.http(
        "the repository " + r.path() + " does not exist in " + where(r),
        400,
        "RepositoryNotFoundException",
        "check the workload's repository, and " + settings.key() + ".registry-id and .region");
  }

  RegistryFailure imageMissing(EcrRepository r, String digest) {
    return RegistryFailure.http(
        r.path() + "@" + digest + " is not in " + where(r),
        400,
        "ImageNotFound",
        "push the image first, or check the digest CI registered");
  }

  RegistryFailure immutable(EcrRepository r, String tag, ImageTagAlreadyExistsException e) {
    return RegistryFailure.http(
        "the repository "
            + r.path()
            + " has immutable tags, so ECR refuses to move "
            + tag
            + " (ImageTagAlreadyExistsException)",
        e.statusCode(),
        "ImageTagAlreadyExistsException",
        "Make the repository's tags mutable (aws ecr put-image-tag-mutability --repository-name "
            + r.path()
            + " --image-tag-mutability MUTABLE, or exclude the tag '"
            + tag
            + "' with a mutability exclusion filter), or remove '"
            + tag
            + "' from the environment's pointer-tags");
  }

  /** An entry of BatchGetImage's {@code failures[]} other than a plain "not found". */
  RegistryFailure failure(ImageFailure f, EcrRepository r, String reference) {
    String code = f.failureCodeAsString() == null ? "" : f.failureCodeAsString();
    return RegistryFailure.http(
        "ECR could not read "
            + r.path()
            + (reference.startsWith("sha") ? "@" : ":")
            + reference
            + ": "
            + code
            + (f.failureReason() == null ? "" : " (" + f.failureReason() + ")"),
        0,
        code,
        code.equals("KmsError")
            ? "check that Baton's role may use the repository's KMS key (kms:Decrypt)"
            : null);
  }

  private String advice(String code, int status, EcrRepository r, boolean push) {
    if (status == 403
        || code.equals("AccessDeniedException")
        || code.equals("UnrecognizedClientException")
        || code.equals("InvalidSignatureException")
        || code.equals("ExpiredTokenException")) {
      return "Check the AWS credentials Baton uses and that they allow "
          + (push ? "ecr:PutImage" : "ecr:BatchGetImage")
          + " on "
          + r.path()
          + " ("
          + settings.key()
          + ".access-key-id, or the default AWS chain)";
    }
    if (code.equals("LayersNotFoundException")
        || code.equals("ReferencedImagesNotFoundException")) {
      return "ECR is missing layers or images the manifest refers to; push the image again";
    }
    if (code.equals("LimitExceededException")) {
      return "an ECR service quota was reached (e.g. images per repository); raise it or clean up";
    }
    if (code.equals("KmsException")) {
      return "check that Baton's role may use the repository's KMS key";
    }
    return null;
  }

  private String where(EcrRepository r) {
    String account = r.registryId() != null ? r.registryId() : settings.registryId();
    return "ECR registry "
        + (account == null ? "of the caller's account" : account)
        + " in "
        + region;
  }
}
