package io.ensemble.governance.item;

import java.util.List;

/**
 * Who raised an item: a person (user id and groups), a process ({@code process:<definition key>}, with its
 * instance) or a partner ({@code partner:<key>}). The id also scopes idempotency keys: two callers never share one.
 */
public record Raiser(String id, List<String> groups, String processInstanceId) {

  public static Raiser person(String userId, List<String> groups) {
    return new Raiser(userId, List.copyOf(groups), null);
  }

  public static Raiser process(String processDefinitionKey, String processInstanceId) {
    return new Raiser("process:" + processDefinitionKey, List.of(), processInstanceId);
  }

  public static Raiser partner(String partnerKey) {
    return new Raiser("partner:" + partnerKey, List.of(), null);
  }
}
