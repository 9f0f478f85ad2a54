package io.ensemble.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/** The machine a run came from, and how busy it was. */
final class Machine {

  private Machine() {}

  static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  static Map<String, Object> describe(JdbcTemplate jdbc) {
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("cpu", cpuModel());
    machine.put("cores", cores());
    machine.put("memoryGiB", Math.round(memoryKiB() / 1024.0 / 1024.0));
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    machine.put("postgresql", jdbc.queryForObject("show server_version", String.class));
    machine.put("postgresqlFsync", jdbc.queryForObject("show fsync", String.class));
    machine.put("postgresqlSynchronousCommit", jdbc.queryForObject("show synchronous_commit", String.class));
    machine.putAll(load());
    return machine;
  }

  /** The load average (1 and 5 minutes): other work on the machine competes for the same cores. */
  static Map<String, Object> load() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return Map.of("loadAverage1m", Double.parseDouble(parts[0]), "loadAverage5m", Double.parseDouble(parts[1]));
    } catch (IOException | RuntimeException e) {
      return Map.of();
    }
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
          .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static long memoryKiB() {
    try {
      return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(line -> line.startsWith("MemTotal"))
          .map(line -> Long.parseLong(line.replaceAll("\\D", ""))).findFirst().orElse(0L);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
