package io.ensemble.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR CPU profile (execution samples every 10 ms) of what runs between {@link #start} and {@link #stop}: the share
 * of samples per method at the top of the stack (self time), and per code area (the first frame of a known area).
 */
final class CpuProfile {

  record Hotspot(String method, double percent) {}

  record Summary(int samples, List<Hotspot> methods, Map<String, Double> areas, Hotspot hottestOutsideEngine,
      String file) {}

  /** Code areas, first match wins; "engine" is Camunda and everything it stands on to reach the database. */
  private static final Map<String, String> AREAS = new LinkedHashMap<>();

  static {
    AREAS.put("io.ensemble.", "Ensemble");
    AREAS.put("org.camunda.feel.", "FEEL");
    AREAS.put("camundajar.", "FEEL");
    AREAS.put("org.camunda.", "engine");
    AREAS.put("org.apache.ibatis.", "engine");
    AREAS.put("org.postgresql.", "engine");
    AREAS.put("com.zaxxer.hikari.", "engine");
    AREAS.put("org.hibernate.", "JPA");
    AREAS.put("org.springframework.security.", "web");
    AREAS.put("org.apache.catalina.", "web");
    AREAS.put("org.apache.coyote.", "web");
    AREAS.put("org.apache.tomcat.", "web");
    AREAS.put("org.glassfish.jersey.", "web");
    AREAS.put("com.fasterxml.jackson.", "JSON");
    AREAS.put("jdk.internal.net.http.", "HTTP client");
    AREAS.put("org.springframework.", "Spring");
  }

  private Recording recording;

  void start() {
    recording = new Recording();
    recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
    recording.start();
  }

  Summary stop(Path file) throws IOException {
    recording.stop();
    recording.dump(file);
    recording.close();
    Map<String, Integer> methods = new HashMap<>();
    Map<String, Integer> areas = new HashMap<>();
    int samples = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
      if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
        continue;
      }
      List<RecordedFrame> frames = event.getStackTrace().getFrames();
      if (frames.isEmpty()) {
        continue;
      }
      samples++;
      RecordedFrame top = frames.get(0);
      methods.merge(top.getMethod().getType().getName() + "." + top.getMethod().getName(), 1, Integer::sum);
      areas.merge(area(frames), 1, Integer::sum);
    }
    int total = Math.max(1, samples);
    List<Hotspot> hot = methods.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(15).map(e -> new Hotspot(e.getKey(), 100.0 * e.getValue() / total)).toList();
    Hotspot hottestOutside = methods.entrySet().stream()
        .filter(e -> !"engine".equals(areaOf(e.getKey())))
        .max(Map.Entry.comparingByValue())
        .map(e -> new Hotspot(e.getKey(), 100.0 * e.getValue() / total)).orElse(new Hotspot("-", 0));
    Map<String, Double> areaShares = new LinkedHashMap<>();
    areas.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .forEach(e -> areaShares.put(e.getKey(), 100.0 * e.getValue() / total));
    return new Summary(samples, hot, areaShares, hottestOutside, file.getFileName().toString());
  }

  /** The area of the innermost frame that belongs to a known area ("JDK" when none does). */
  private static String area(List<RecordedFrame> frames) {
    for (RecordedFrame frame : frames) {
      String area = areaOf(frame.getMethod().getType().getName());
      if (area != null) {
        return area;
      }
    }
    return "JDK";
  }

  private static String areaOf(String name) {
    for (Map.Entry<String, String> area : AREAS.entrySet()) {
      if (name.startsWith(area.getKey())) {
        return area.getValue();
      }
    }
    return null;
  }
}
