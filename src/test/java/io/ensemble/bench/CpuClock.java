package io.ensemble.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * CPU time used by this JVM and all its descendant processes (the embedded PostgreSQL server and its backends),
 * from {@code /proc}. On a machine shared with other work, wall-clock rates fall with the load; the CPU a unit of
 * work costs barely does, so costs are compared in CPU time as well.
 */
final class CpuClock {

  /** Linux reports process times in clock ticks of 1/100 s (USER_HZ) on every common architecture. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  private CpuClock() {}

  /**
   * Nanoseconds of CPU (user + system) used so far by this JVM, the given processes and all their descendants;
   * 0 where {@code /proc} is missing.
   */
  static long processTreeNanos(long... otherRoots) {
    Map<Long, Long> parents = new HashMap<>();
    Map<Long, Long> ticks = new HashMap<>();
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      for (Path process : processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .toList()) {
        try {
          String stat = Files.readString(process.resolve("stat"));
          String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          long pid = Long.parseLong(process.getFileName().toString());
          parents.put(pid, Long.parseLong(fields[1]));
          ticks.put(pid, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
        } catch (IOException | RuntimeException gone) {
          // the process ended while we looked
        }
      }
    } catch (IOException noProc) {
      return 0;
    }
    Set<Long> tree = new HashSet<>();
    Deque<Long> todo = new ArrayDeque<>(List.of(ProcessHandle.current().pid()));
    for (long root : otherRoots) {
      todo.push(root);
    }
    while (!todo.isEmpty()) {
      long pid = todo.pop();
      if (tree.add(pid)) {
        parents.forEach((child, parent) -> {
          if (parent == pid) {
            todo.push(child);
          }
        });
      }
    }
    return tree.stream().mapToLong(pid -> ticks.getOrDefault(pid, 0L)).sum() * NANOS_PER_TICK;
  }

  /** The PostgreSQL server listening on that port (it runs detached from this JVM), or -1. */
  static long postgresServer(int port) {
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      for (Path process : processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .toList()) {
        try {
          List<String> args = List.of(Files.readString(process.resolve("cmdline")).split("\u0000"));
          int flag = args.indexOf("-p");
          if (!args.isEmpty() && args.get(0).endsWith("/postgres") && flag >= 0 && flag + 1 < args.size()
              && args.get(flag + 1).equals(String.valueOf(port))) {
            return Long.parseLong(process.getFileName().toString());
          }
        } catch (IOException | RuntimeException gone) {
          // ended while we looked
        }
      }
    } catch (IOException noProc) {
      return -1;
    }
    return -1;
  }
}
