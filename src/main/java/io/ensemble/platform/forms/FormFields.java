package io.ensemble.platform.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fields a person can fill in on a Camunda Form: the {@code key} of every input component, at any depth
 * (groups, dynamic lists), except those the form shows disabled or read-only. Texts and other display
 * components carry no key and submit nothing.
 */
final class FormFields {

  private static final ObjectMapper JSON = new ObjectMapper();

  private FormFields() {}

  static Set<String> of(InputStream form) {
    try (form) {
      Set<String> keys = new TreeSet<>();
      collect(JSON.readTree(form), keys);
      return keys;
    } catch (IOException e) {
      throw new UncheckedIOException("Camunda Form is not JSON", e);
    }
  }

  private static void collect(JsonNode component, Set<String> keys) {
    JsonNode key = component.get("key");
    if (key != null && key.isTextual() && !component.path("disabled").asBoolean(false)
        && !component.path("readonly").asBoolean(false)) {
      keys.add(key.asText());
    }
    for (JsonNode child : component.path("components")) {
      collect(child, keys);
    }
  }
}
