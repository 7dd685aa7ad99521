package dev.baton.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.baton.fakes.Fixtures;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.port.AuditQuery;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad input in the promotion request modal, submitted signed to {@code /slack/events}: the
 * acknowledgement is {@code response_action: errors} under the field concerned, the modal stays
 * open, and nothing is created, audited or answered. One Baton serves every case, since none may
 * change it; sandbox runs build 1, so every request would otherwise be valid.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlackPromoteModalErrorsTest {
  BatonSlack baton;
  SlackStandIn.OpenedView opened;
  long auditBefore;

  @BeforeAll
  void openTheModal() {
    baton =
        SlackPromoteModalTest.http(
            Map.of(
                "baton.environments.prod.policy.break-glass-approvers",
                List.of(Fixtures.APPROVER_1)));
    baton.carryToSandbox(1);
    baton.slash(Fixtures.DEPLOYER, "/promote", "");
    opened = baton.openedView();
    auditBefore = auditCount();
  }

  @AfterAll
  void close() {
    baton.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          break glass without a reason    | credreg | prod    |                      | ticked |                | INC-1    | reason      | Breaking glass needs a reason
          a blank reason                  | credreg | prod    |                      | ticked | '   '          |          | reason      | Breaking glass needs a reason
          a floating tag                  | credreg | prod    | latest               |        |                |          | tag         | “latest” is not a release tag
          a tag that is no release        | credreg | prod    | 2026.11.22           |        |                |          | tag         | is not a release tag
          an unknown app                  | nosuch  | prod    |                      |        |                |          | app         | Baton has no app “nosuch”. Apps: credreg.
          an unknown environment          | credreg | staging |                      |        |                |          | env         | No environment “staging”; the chain is test → sandbox → prod.
          the first environment           | credreg | test    |                      |        |                |          | env         | test is the first environment
          no environment                  | credreg |         |                      |        |                |          | env         | Choose an environment.
          a ticket that is no reference   | credreg | prod    |                      | ticked | login outage   | 'INC 12' | ticket      | “INC 12” is not a ticket reference
          a reason without the box ticked | credreg | prod    |                      |        | login outage   |          | break_glass | only for breaking glass
          """)
  void badInputIsShownUnderItsFieldAndNothingHappens(
      String name,
      String app,
      String env,
      String tag,
      String breakGlass,
      String reason,
      String ticket,
      String block,
      String error) {
    Map<String, String> fields = new HashMap<>();
    put(fields, "app", app);
    put(fields, "env", env);
    put(fields, "tag", tag);
    put(fields, "break_glass", breakGlass);
    put(fields, "reason", reason);
    put(fields, "ticket", ticket);
    int answersBefore = answers();

    var answer = baton.submit(Fixtures.DEPLOYER, opened, fields);

    assertThat(answer.statusCode()).isEqualTo(200);
    JsonObject body = JsonParser.parseString(answer.body()).getAsJsonObject();
    assertThat(body.get("response_action").getAsString()).isEqualTo("errors");
    JsonObject errors = body.getAsJsonObject("errors");
    assertThat(errors.keySet()).containsExactly(block);
    assertThat(errors.get(block).getAsString()).contains(error);
    baton.settle();
    assertThat(
            baton
                .core()
                .ports()
                .store()
                .read(r -> r.promotionsIn(EnumSet.allOf(PromotionState.class)))
                .stream()
                .filter(p -> p.env().equals("prod")))
        .isEmpty();
    assertThat(auditCount()).isEqualTo(auditBefore);
    assertThat(answers()).isEqualTo(answersBefore);
  }

  private static void put(Map<String, String> fields, String block, String value) {
    if (value != null) {
      fields.put(block, value);
    }
  }

  private int answers() {
    return baton.slack.calls("chat.postEphemeral").size()
        + baton.slack.calls("chat.postMessage").size();
  }

  private long auditCount() {
    return baton
        .core()
        .ports()
        .store()
        .audit(new AuditQuery(null, null, null, null, null, null, null, 10_000))
        .size();
  }
}
