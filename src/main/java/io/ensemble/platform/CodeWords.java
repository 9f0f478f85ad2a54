package io.ensemble.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.spin.json.SpinJsonNode;

/**
 * The words for the codes one process variable holds, e.g. {@code partnerType}: {@code DATA_PLATFORM} reads
 * "Data platform". Declared as a bean by the package that owns the codes; every user task then carries
 * {@code <variable>Label} ({@link FormWords}), which a form shows instead of the code. A list of codes reads as
 * its words joined by commas; a code without words reads as itself.
 */
public record CodeWords(String variable, Map<String, String> words) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public CodeWords {
    words = Collections.unmodifiableMap(new LinkedHashMap<>(words));
  }

  /** The words of an enum's constants, in declaration order (the order forms offer them in). */
  public static <E extends Enum<E> & Worded> CodeWords of(String variable, Class<E> codes) {
    Map<String, String> words = new LinkedHashMap<>();
    for (E code : codes.getEnumConstants()) {
      words.put(code.name(), code.words());
    }
    return new CodeWords(variable, words);
  }

  public String labelVariable() {
    return variable + "Label";
  }

  /** What a form shows for the variable's value: a code, a list of codes, or a JSON array of codes. */
  public String label(Object value) {
    return String.join(", ", codes(value).stream().map(code -> words.getOrDefault(code, code)).toList());
  }

  private static List<String> codes(Object value) {
    if (value instanceof SpinJsonNode json) {
      return json.isArray() ? json.elements().stream().map(SpinJsonNode::stringValue).toList()
          : List.of(json.isString() ? json.stringValue() : json.toString());
    }
    if (value instanceof Collection<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    String text = String.valueOf(value).strip();
    if (text.startsWith("[")) {
      try {
        List<String> codes = new ArrayList<>();
        JSON.readTree(text).forEach(node -> codes.add(node.asText()));
        return codes;
      } catch (JsonProcessingException notJson) {
        return List.of(text);
      }
    }
    return List.of(text);
  }
}
